insert into people(name) values ('Ada');
insert into people(name) values ('Grace');
