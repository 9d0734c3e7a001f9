-- Output format per destination (PRODUCT.md §5): 'csv' (default) or 'csv.gz'.
ALTER TABLE export_settings ADD COLUMN output_format VARCHAR(8) DEFAULT 'csv' NOT NULL;
