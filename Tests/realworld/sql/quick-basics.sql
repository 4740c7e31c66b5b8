-- Tables, inserts, indexes, joins, aggregates, a recursive CTE, transactions, printf.
.headers on
.mode list
create table person(id integer primary key, name text not null, born int, city text);
create table visit(person int references person(id), place text, year int);
insert into person(name, born, city) values
  ('Ada', 1815, 'London'), ('Grace', 1906, 'New York'), ('Edsger', 1930, 'Rotterdam'),
  ('Barbara', 1939, 'Boston'), ('Dennis', 1941, 'Bronxville'), ('Ken', 1943, 'New Orleans');
insert into visit values (1, 'Paris', 1835), (2, 'Paris', 1950), (2, 'Tokyo', 1960),
  (3, 'Austin', 1984), (5, 'Murray Hill', 1969), (6, 'Murray Hill', 1969), (6, 'Mountain View', 2006);
create index visit_place on visit(place);
select name, count(v.place) as visits, group_concat(v.place, '/') as places
  from person p left join visit v on v.person = p.id group by p.id order by visits desc, name;
select place, min(year), max(year), count(*) from visit group by place having count(*) > 1 order by place;
with recursive fib(n, a, b) as (select 1, 0, 1 union all select n + 1, b, a + b from fib where n < 40)
  select n, a from fib where n % 10 = 0;
begin;
update person set city = upper(city) where born < 1920;
delete from visit where year > 2000;
select count(*) from visit;
rollback;
select count(*), group_concat(city, ';') from person where born < 1920;
select printf('%5.2f|%-6s|%08d|%x|%q', 3.14159, 'ab', 42, 255, 'it''s');
select typeof(1), typeof(1.5), typeof('x'), typeof(x'00'), typeof(null), 7 / 2, 7 / 2.0, 7 % 3, -7 / 2;
select substr('stackless', 2, 4), replace('a-b-c', '-', '+'), length('héllo'), instr('hello', 'll'), trim('  x  ');
select abs(-5), round(2.5), round(-2.5), max(3, 9, 1), min('b', 'a'), coalesce(null, null, 'c'), nullif(1, 1);
select id, name from person where name like '%a%' order by id limit 3 offset 1;
