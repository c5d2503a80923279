-- The digest algorithms the SIP role offers this tenant's phones, most preferred first, as a
-- comma-separated list of RFC 8760 names. Null: the node's voxhost.sip.auth.algorithms.
alter table tenant add column sip_digest_algorithms varchar(20);
alter table tenant add constraint tenant_sip_digest_algorithms_known
    check (sip_digest_algorithms in ('MD5', 'SHA-256', 'MD5,SHA-256', 'SHA-256,MD5'));
