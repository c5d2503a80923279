-- Whether the SIP role demands digest authentication on REGISTER for this tenant. Off only for
-- trunks behind a trusted SBC.
alter table tenant add column sip_register_auth boolean not null default true;
