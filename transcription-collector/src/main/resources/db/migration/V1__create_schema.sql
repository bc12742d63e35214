-- The transcripts schema is created by Flyway (create-schemas); tables arrive with the features that own them.
COMMENT ON SCHEMA transcripts IS 'BudAI transcription-collector';
