-- Issue 15: a web or public client may ask for its ID tokens (and logout tokens) to be signed with
-- ES256 instead of the default RS256 (id_token_signed_response_alg). NULL: the default.
ALTER TABLE clients ADD COLUMN id_token_alg TEXT;
