-- The marketplace schema. Runs on PostgreSQL and on H2 in PostgreSQL mode; the only dialect differences are the
-- placeholders ${json} (JSONB / JSON), ${bytes} (BYTEA / VARBINARY) and ${text} (TEXT / long VARCHAR), set by
-- org.marketlink.core.store.Dialect.

CREATE TABLE shgs (
    id               UUID PRIMARY KEY,
    name             VARCHAR(200)             NOT NULL,
    place            VARCHAR(200)             NOT NULL,
    region           VARCHAR(200)             NOT NULL,
    country          CHAR(2)                  NOT NULL,
    latitude         DOUBLE PRECISION,
    longitude        DOUBLE PRECISION,
    category         VARCHAR(100)             NOT NULL,
    member_count     INTEGER                  NOT NULL,
    monthly_capacity BIGINT                   NOT NULL,
    certifications   ${json}                  NOT NULL,
    quality_metrics  ${json}                  NOT NULL,
    contact_person   VARCHAR(200)             NOT NULL,
    contact_phone    VARCHAR(50)              NOT NULL,
    contact_email    VARCHAR(320)             NOT NULL,
    bank_details     ${bytes},
    bank_key_id      VARCHAR(100),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT shgs_natural_key UNIQUE (name, region),
    CONSTRAINT shgs_member_count CHECK (member_count >= 1),
    CONSTRAINT shgs_monthly_capacity CHECK (monthly_capacity >= 0),
    CONSTRAINT shgs_latitude CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT shgs_longitude CHECK (longitude BETWEEN -180 AND 180),
    CONSTRAINT shgs_point CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT shgs_bank_key CHECK ((bank_details IS NULL) = (bank_key_id IS NULL))
);
CREATE INDEX shgs_category_idx ON shgs (category);
CREATE INDEX shgs_bank_key_idx ON shgs (bank_key_id);

CREATE TABLE products (
    id                     UUID PRIMARY KEY,
    shg_id                 UUID                     NOT NULL REFERENCES shgs (id),
    name                   VARCHAR(200)             NOT NULL,
    category               VARCHAR(100)             NOT NULL,
    description            ${text}                  NOT NULL,
    unit                   VARCHAR(50)              NOT NULL,
    unit_price             NUMERIC(14, 2)           NOT NULL,
    cost_price             NUMERIC(14, 2)           NOT NULL,
    images                 ${json}                  NOT NULL,
    certifications         ${json}                  NOT NULL,
    shelf_life_days        INTEGER                  NOT NULL,
    minimum_order_quantity INTEGER                  NOT NULL,
    available_quantity     INTEGER                  NOT NULL,
    sustainability_score   DOUBLE PRECISION         NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT products_natural_key UNIQUE (shg_id, name),
    CONSTRAINT products_unit_price CHECK (unit_price > 0),
    CONSTRAINT products_cost_price CHECK (cost_price >= 0),
    CONSTRAINT products_shelf_life CHECK (shelf_life_days >= 0),
    CONSTRAINT products_moq CHECK (minimum_order_quantity >= 1),
    CONSTRAINT products_available CHECK (available_quantity >= 0),
    CONSTRAINT products_sustainability CHECK (sustainability_score BETWEEN 0 AND 1)
);
CREATE INDEX products_category_idx ON products (category);

CREATE TABLE buyers (
    id                      UUID PRIMARY KEY,
    name                    VARCHAR(200)             NOT NULL,
    type                    VARCHAR(20)              NOT NULL,
    place                   VARCHAR(200)             NOT NULL,
    region                  VARCHAR(200)             NOT NULL,
    country                 CHAR(2)                  NOT NULL,
    latitude                DOUBLE PRECISION,
    longitude               DOUBLE PRECISION,
    category_preferences    ${json}                  NOT NULL,
    quality_requirements    ${json}                  NOT NULL,
    order_volume_min        BIGINT                   NOT NULL,
    order_volume_max        BIGINT                   NOT NULL,
    price_min               NUMERIC(14, 2)           NOT NULL,
    price_max               NUMERIC(14, 2)           NOT NULL,
    certifications_required ${json}                  NOT NULL,
    payment_terms           VARCHAR(20)              NOT NULL,
    rating                  DOUBLE PRECISION         NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT buyers_natural_key UNIQUE (name, region),
    CONSTRAINT buyers_type CHECK (type IN ('RETAILER', 'WHOLESALER', 'GOVERNMENT', 'AGGREGATOR')),
    CONSTRAINT buyers_order_volume CHECK (order_volume_min >= 0 AND order_volume_min <= order_volume_max),
    CONSTRAINT buyers_price CHECK (price_min >= 0 AND price_min <= price_max),
    CONSTRAINT buyers_rating CHECK (rating BETWEEN 0 AND 5),
    CONSTRAINT buyers_point CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX buyers_type_idx ON buyers (type);

CREATE TABLE matches (
    id               UUID PRIMARY KEY,
    shg_id           UUID                     NOT NULL REFERENCES shgs (id),
    buyer_id         UUID                     NOT NULL REFERENCES buyers (id),
    product_id       UUID REFERENCES products (id),
    score            DOUBLE PRECISION         NOT NULL,
    status           VARCHAR(20)              NOT NULL,
    initial_message  ${text}                  NOT NULL,
    last_interaction TIMESTAMP WITH TIME ZONE NOT NULL,
    metadata         ${json}                  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT matches_natural_key UNIQUE (shg_id, buyer_id),
    CONSTRAINT matches_score CHECK (score BETWEEN 0 AND 1),
    CONSTRAINT matches_status CHECK (status IN ('PENDING', 'ACCEPTED', 'CONNECTED', 'COMPLETED', 'DECLINED'))
);
CREATE INDEX matches_status_score_idx ON matches (status, score DESC);
CREATE INDEX matches_buyer_idx ON matches (buyer_id);

CREATE TABLE orders (
    id               UUID PRIMARY KEY,
    reference        VARCHAR(100)             NOT NULL,
    shg_id           UUID                     NOT NULL REFERENCES shgs (id),
    buyer_id         UUID                     NOT NULL REFERENCES buyers (id),
    total_value      NUMERIC(16, 2)           NOT NULL,
    ordered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivery_date    DATE,
    status           VARCHAR(20)              NOT NULL,
    payment_status   VARCHAR(20)              NOT NULL,
    delivery_address ${text}                  NOT NULL,
    feedback         ${text},
    CONSTRAINT orders_natural_key UNIQUE (reference),
    CONSTRAINT orders_total CHECK (total_value >= 0),
    CONSTRAINT orders_status CHECK (status IN ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    CONSTRAINT orders_payment_status CHECK (payment_status IN ('PENDING', 'PAID', 'REFUNDED'))
);
CREATE INDEX orders_shg_idx ON orders (shg_id, ordered_at);
CREATE INDEX orders_buyer_idx ON orders (buyer_id, ordered_at);
CREATE INDEX orders_status_idx ON orders (status);

CREATE TABLE order_lines (
    order_id   UUID           NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no    INTEGER        NOT NULL,
    product_id UUID           NOT NULL REFERENCES products (id),
    quantity   NUMERIC(14, 3) NOT NULL,
    unit_price NUMERIC(14, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_quantity CHECK (quantity > 0),
    CONSTRAINT order_lines_unit_price CHECK (unit_price >= 0)
);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

CREATE TABLE market_data (
    product_id         UUID                     NOT NULL REFERENCES products (id),
    observed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    price              NUMERIC(14, 2)           NOT NULL,
    demand_signal      DOUBLE PRECISION         NOT NULL,
    competitor_count   INTEGER                  NOT NULL,
    availability_index DOUBLE PRECISION         NOT NULL,
    trend              VARCHAR(10)              NOT NULL,
    source             VARCHAR(100)             NOT NULL,
    PRIMARY KEY (product_id, observed_at, source),
    CONSTRAINT market_data_price CHECK (price >= 0),
    CONSTRAINT market_data_demand CHECK (demand_signal BETWEEN 0 AND 10),
    CONSTRAINT market_data_competitors CHECK (competitor_count >= 0),
    CONSTRAINT market_data_availability CHECK (availability_index BETWEEN 0 AND 1),
    CONSTRAINT market_data_trend CHECK (trend IN ('UP', 'DOWN', 'STABLE'))
);

CREATE TABLE pricing_history (
    product_id    UUID           NOT NULL REFERENCES products (id),
    sale_date     DATE           NOT NULL,
    price         NUMERIC(14, 2) NOT NULL,
    quantity_sold NUMERIC(16, 3) NOT NULL,
    order_count   INTEGER        NOT NULL,
    region        VARCHAR(200)   NOT NULL,
    PRIMARY KEY (product_id, sale_date, region),
    CONSTRAINT pricing_history_price CHECK (price >= 0),
    CONSTRAINT pricing_history_quantity CHECK (quantity_sold >= 0),
    CONSTRAINT pricing_history_orders CHECK (order_count >= 0)
);

CREATE TABLE demand_forecasts (
    product_id       UUID                     NOT NULL REFERENCES products (id),
    forecast_date    DATE                     NOT NULL,
    period_days      INTEGER                  NOT NULL,
    predicted_demand DOUBLE PRECISION         NOT NULL,
    lower_bound      DOUBLE PRECISION         NOT NULL,
    upper_bound      DOUBLE PRECISION         NOT NULL,
    model_used       VARCHAR(200)             NOT NULL,
    generated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (product_id, forecast_date, period_days),
    CONSTRAINT demand_forecasts_period CHECK (period_days >= 1),
    CONSTRAINT demand_forecasts_demand CHECK (predicted_demand >= 0),
    CONSTRAINT demand_forecasts_bounds CHECK (lower_bound <= upper_bound)
);
