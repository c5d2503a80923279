-- What a key may do (KeyScope): everything its owner may (full), safe methods on every API
-- (read-only), or GET/HEAD of recordings only (recordings-read). Keys made before scopes existed
-- keep doing everything, as they did.
alter table api_key add column scope varchar(20) not null default 'full';
alter table api_key add constraint api_key_scope_known
    check (scope in ('full', 'read-only', 'recordings-read'));
