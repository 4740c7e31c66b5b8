info greenlets
greenlet bt parser_greenlet
greenlet bt full parser_greenlet
greenlet bt full consumer_tasklet
info tasklets
info channels
