-- The admin schema is created by Flyway (create-schemas); tables arrive with the features that own them.
COMMENT ON SCHEMA admin IS 'BudAI admin-service';
