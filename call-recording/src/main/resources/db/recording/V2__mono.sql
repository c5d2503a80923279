-- The mono PCM mix of a recording, made from its stereo G.711 master on first request.
ALTER TABLE recording.recording ADD COLUMN mono_file text;
ALTER TABLE recording.recording ADD COLUMN mono_size bigint;
ALTER TABLE recording.recording ADD COLUMN mono_sha256 text;
