-- FTS5 full-text search, R-tree, blobs, constraints and errors, a larger sort and group.
create virtual table doc using fts5(title, body);
insert into doc values
  ('Greenlets', 'cooperative threads that switch explicitly between each other'),
  ('Tasklets', 'lightweight threads scheduled by a round robin scheduler'),
  ('Channels', 'tasklets communicate by sending values over channels'),
  ('Stacks', 'a stackless transform keeps no stack of its own for suspended threads');
select title from doc where doc match 'threads' order by rank;
select title, snippet(doc, 1, '[', ']', '...', 4) from doc where doc match 'tasklet*' order by title;
select title from doc where doc match 'threads NOT stack*' order by title;
select count(*) from doc where doc match 'title:channels OR body:scheduler';
create virtual table box using rtree(id, minx, maxx, miny, maxy);
insert into box values (1, 0, 10, 0, 10), (2, 5, 15, 5, 15), (3, 20, 30, 20, 30), (4, -5, 1, -5, 1);
select id from box where minx <= 6 and maxx >= 6 and miny <= 6 and maxy >= 6 order by id;
select id from box where maxx < 12 order by id;
create table c(a int check (a > 0), b text unique, d int not null default 7);
insert into c(a, b) values (1, 'x');
insert or ignore into c(a, b) values (2, 'x');
insert into c(a, b) values (-1, 'y');
insert into c(a, b) values (3, 'x');
insert into c(a, b, d) values (4, 'z', null);
select * from c;
select count(*) from nonexistent;
create table big(k int, g text);
with recursive r(x) as (select 1 union all select x + 1 from r where x < 5000)
  insert into big select (x * 7919) % 5003, char(65 + x % 26) from r;
select g, count(*), min(k), max(k), sum(k) from big group by g order by g limit 6;
select k from big order by k desc limit 3;
select count(distinct k), count(*) from big;
select length(zeroblob(1000)), hex(substr(x'00112233445566', 3, 2));
pragma integrity_check;
