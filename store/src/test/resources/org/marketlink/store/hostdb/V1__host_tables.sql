-- a host application's own tables, named as MarketLink's are, in the host's default schema
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(100) NOT NULL);
CREATE TABLE products (id BIGINT PRIMARY KEY, title VARCHAR(100) NOT NULL);
INSERT INTO orders (id, customer) VALUES (1, 'host row');
