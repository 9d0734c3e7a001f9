-- Personal API tokens (PRODUCT.md §9): only the SHA-256 of the secret is stored.
CREATE TABLE api_token (
  id          BIGINT       PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id),
  name        VARCHAR(100) NOT NULL,
  token_hash  VARCHAR(64)  NOT NULL UNIQUE,
  hint        VARCHAR(8)   NOT NULL,
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT
);

CREATE INDEX api_token_account ON api_token (account_id);
