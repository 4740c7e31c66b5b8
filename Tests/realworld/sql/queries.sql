-- Window functions, subqueries, views, triggers, upsert, JSON, dates, math functions.
create table sale(region text, month int, amount real);
with recursive m(x) as (select 1 union all select x + 1 from m where x < 24)
  insert into sale select case x % 3 when 0 then 'north' when 1 then 'south' else 'east' end,
                          (x - 1) % 12 + 1, (x * 37 % 101) * 10.5 from m;
select region, month, amount,
       sum(amount) over (partition by region order by month) as running,
       rank() over (order by amount desc) as rk,
       lag(amount) over (partition by region order by month) as prev,
       ntile(4) over (order by amount) as quartile
  from sale order by region, month;
select region, avg(amount), total(amount), count(*) from sale group by region order by 2 desc;
select * from sale where amount > (select avg(amount) from sale) and month in (select month from sale where region = 'east') order by amount desc limit 5;
create view best as select region, max(amount) as top from sale group by region;
select * from best order by top;
create table log(msg text);
create trigger sale_ins after insert on sale begin insert into log values ('new ' || new.region || ' ' || new.amount); end;
create trigger sale_del before delete on sale when old.amount > 900 begin select raise(abort, 'too valuable'); end;
insert into sale values ('west', 1, 1.25), ('west', 2, 2.5);
select * from log;
delete from sale where region = 'west';
select count(*) from sale;
create table kv(k text primary key, v int);
insert into kv values ('a', 1), ('b', 2);
insert into kv values ('a', 10), ('c', 3) on conflict(k) do update set v = v + excluded.v;
select * from kv order by k;
select json_object('name', 'x', 'list', json_array(1, 2.5, 'three', null));
select json_extract('{"a": {"b": [10, 20, 30]}}', '$.a.b[1]'), json_valid('{bad'), json_type('[1]');
select key, value from json_each('{"x": 1, "y": [2, 3], "z": {"w": true}}');
select json_group_array(region) from (select distinct region from sale order by region);
select date('2024-02-28', '+1 day'), date('2023-02-28', '+1 day'), strftime('%Y-%j %H:%M', '2000-12-31 23:59:00'), julianday('2000-01-01') - julianday('1999-01-01');
select round(sqrt(2), 6), round(exp(1), 6), pow(2, 10), round(ln(100) / ln(10), 6), floor(-1.5), ceil(-1.5), round(pi(), 8);
select length(randomblob(0)), length(randomblob(5)), hex('abc'), quote(x'0102'), unicode('€'), char(72, 105);
select cast('12abc' as integer), cast(3.99 as integer), cast(12 as text) || 'x', '10' + 5, 1e308 * 10, -0.0;
select case when 1 then 'one' end, iif(0, 'y', 'n'), 5 between 1 and 10, 'b' glob '[a-c]', 3 in (1, 2, 3);
explain query plan select * from kv where k = 'a';
