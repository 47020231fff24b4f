-- Ratings and returns: the structured feedback on orders that product features read (average rating, return rate).
-- Both go with their order (ON DELETE CASCADE); neither refers to order_lines, which an order's update rewrites.
CREATE TABLE order_ratings (
    order_id UUID                     NOT NULL PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    stars    INTEGER                  NOT NULL,
    rated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_ratings_stars CHECK (stars BETWEEN 1 AND 5)
);
CREATE INDEX order_ratings_at_idx ON order_ratings (rated_at);

CREATE TABLE order_returns (
    order_id    UUID                     NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id  UUID                     NOT NULL REFERENCES products (id),
    quantity    NUMERIC(14, 3)           NOT NULL,
    returned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(50)              NOT NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_returns_quantity CHECK (quantity > 0)
);
CREATE INDEX order_returns_product_idx ON order_returns (product_id, returned_at);
