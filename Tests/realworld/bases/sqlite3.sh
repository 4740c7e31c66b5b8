# SQLite: a database engine, built from its amalgamation (sqlite3.c, about 250,000 lines, made
# from the source package by its own tool: tclsh tool/mksqlite3c.tcl) with its shell (shell.c),
# driven by the SQL scripts in Tests/realworld/sql/ through the shell.
rw_package=sqlite3
rw_kind="database engine: the 250,000-line amalgamation and its shell on SQL scripts"
rw_ci=0

rw_prepare() {
    command -v tclsh >/dev/null || { echo "sqlite3 needs tclsh to make its amalgamation (apt-get install tcl)"; return 1; }
    mkdir -p bld && cd bld && ../configure --disable-tcl --disable-load-extension >/dev/null \
        && make sqlite3.c shell.c >/dev/null && ls -l sqlite3.c shell.c
}

rw_build() {
    cd bld
    # The shell's flags as Debian's configure build uses them (FTS, JSON, R-tree on), threads off
    # so that the torture build is one greenlet in one thread.
    rw_program sqlite3 -O2 -DSQLITE_THREADSAFE=0 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE \
        -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DQS=0 -I. -- \
        sqlite3.c shell.c -- -lm
}

rw_tests() {
    local f
    rw_test version 'bld/sqlite3 -version | cut -d" " -f1'
    for f in "$script_dir"/sql/*.sql; do
        case "$(basename "$f")" in
        quick-*) rw_test "$(basename "$f" .sql)" "bld/sqlite3 -bail :memory: < '$f'" ;;
        *) rw_test_full "$(basename "$f" .sql)" "bld/sqlite3 :memory: < '$f'" ;;
        esac
    done
    rw_test_full file-db 'rm -f t.db; bld/sqlite3 t.db "create table t(a, b); with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000) insert into t select x, x * x from c; create index tb on t(b);" && bld/sqlite3 t.db "pragma integrity_check; select count(*), sum(b) from t; delete from t where a % 3 = 0; vacuum; select count(*) from t;" && bld/sqlite3 -csv -header t.db "select * from t where a % 500 = 1"; echo "status $?"'
    rw_test errors 'bld/sqlite3 -bail :memory: "create table t(x); insert into nowhere values(1);"; echo "status $?"; bld/sqlite3 :memory: "select 1 +;"; echo "status $?"'
}
