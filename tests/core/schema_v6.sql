-- The schema version 6 of Gõ Cửa as its program made it (sqlite_master of a new database, commit 0318876):
-- tests/core/test_resident_indexes.py upgrades a file made from it.
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE commune (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_fold VARCHAR(200) NOT NULL, 
	district VARCHAR(200), 
	province VARCHAR(200), 
	PRIMARY KEY (id), 
	UNIQUE (name_fold)
);
CREATE TABLE import_batch (
	id INTEGER NOT NULL, 
	file_name TEXT NOT NULL, 
	file_sha256 VARCHAR(64) NOT NULL, 
	sheets TEXT, 
	imported_at DATETIME NOT NULL, 
	rows_read INTEGER NOT NULL, 
	imported INTEGER NOT NULL, 
	updated INTEGER NOT NULL, 
	unchanged INTEGER NOT NULL, 
	duplicates INTEGER NOT NULL, 
	rejected INTEGER NOT NULL, 
	activated_per_system INTEGER NOT NULL, 
	summary TEXT, 
	extracted_on DATE, 
	mode VARCHAR(12), 
	PRIMARY KEY (id)
);
CREATE INDEX ix_import_batch_file_sha256 ON import_batch (file_sha256);
CREATE TABLE source_text (
	id INTEGER NOT NULL, 
	hash BLOB NOT NULL, 
	raw TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (hash)
);
CREATE TABLE resident_word (
	word VARCHAR(64) NOT NULL, 
	resident_id INTEGER NOT NULL, 
	PRIMARY KEY (word, resident_id)
)
 WITHOUT ROWID

;
CREATE INDEX ix_resident_word_resident_id ON resident_word (resident_id);
CREATE TABLE campaign (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	start_date DATE NOT NULL, 
	end_date DATE NOT NULL, 
	report_deadline VARCHAR(5) NOT NULL, 
	quota_per_team_day INTEGER NOT NULL, 
	commune_id INTEGER, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(commune_id) REFERENCES commune (id)
);
CREATE TABLE hamlet (
	id INTEGER NOT NULL, 
	commune_id INTEGER, 
	name VARCHAR(200) NOT NULL, 
	name_fold VARCHAR(200) NOT NULL, 
	kind VARCHAR(40), 
	PRIMARY KEY (id), 
	UNIQUE (commune_id, name_fold), 
	FOREIGN KEY(commune_id) REFERENCES commune (id)
);
CREATE TABLE team (
	id INTEGER NOT NULL, 
	commune_id INTEGER, 
	name VARCHAR(200) NOT NULL, 
	kind VARCHAR(40), 
	lead_name VARCHAR(200), 
	lead_phone VARCHAR(40), 
	members TEXT, 
	created_at DATETIME NOT NULL, 
	retired_at DATETIME, 
	merged_into_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_team_commune_name UNIQUE (commune_id, name), 
	FOREIGN KEY(commune_id) REFERENCES commune (id), 
	FOREIGN KEY(merged_into_id) REFERENCES team (id)
);
CREATE UNIQUE INDEX uq_team_name_no_commune ON team (name) WHERE commune_id IS NULL;
CREATE TABLE campaign_phase (
	id INTEGER NOT NULL, 
	campaign_id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	start_date DATE NOT NULL, 
	end_date DATE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(campaign_id) REFERENCES campaign (id)
);
CREATE TABLE hamlet_target (
	campaign_id INTEGER NOT NULL, 
	hamlet_id INTEGER NOT NULL, 
	target INTEGER NOT NULL, 
	PRIMARY KEY (campaign_id, hamlet_id), 
	FOREIGN KEY(campaign_id) REFERENCES campaign (id), 
	FOREIGN KEY(hamlet_id) REFERENCES hamlet (id)
);
CREATE TABLE household (
	id INTEGER NOT NULL, 
	hamlet_id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	number VARCHAR(40), 
	head_name VARCHAR(200), 
	address TEXT, 
	sort_key VARCHAR(400) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (hamlet_id, "key"), 
	FOREIGN KEY(hamlet_id) REFERENCES hamlet (id)
);
CREATE INDEX ix_household_sort ON household (hamlet_id, sort_key);
CREATE TABLE team_hamlet (
	team_id INTEGER NOT NULL, 
	hamlet_id INTEGER NOT NULL, 
	PRIMARY KEY (team_id, hamlet_id), 
	FOREIGN KEY(team_id) REFERENCES team (id), 
	FOREIGN KEY(hamlet_id) REFERENCES hamlet (id)
);
CREATE TABLE batch_hamlet (
	batch_id INTEGER NOT NULL, 
	hamlet_id INTEGER NOT NULL, 
	PRIMARY KEY (batch_id, hamlet_id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id), 
	FOREIGN KEY(hamlet_id) REFERENCES hamlet (id)
);
CREATE INDEX ix_batch_hamlet_hamlet_id ON batch_hamlet (hamlet_id);
CREATE TABLE pack (
	id VARCHAR(32) NOT NULL, 
	team_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	superseded_by VARCHAR(32), 
	rows INTEGER NOT NULL, 
	checksum VARCHAR(64) NOT NULL, 
	mask BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(team_id) REFERENCES team (id)
);
CREATE INDEX ix_pack_team_id ON pack (team_id);
CREATE TABLE walklist_page (
	id INTEGER NOT NULL, 
	print_key VARCHAR(16) NOT NULL, 
	page INTEGER NOT NULL, 
	team_id INTEGER, 
	day DATE NOT NULL, 
	printed_at DATETIME NOT NULL, 
	layout TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (print_key, page), 
	FOREIGN KEY(team_id) REFERENCES team (id)
);
CREATE INDEX ix_walklist_page_print_key ON walklist_page (print_key);
CREATE TABLE resident (
	id INTEGER NOT NULL, 
	cccd VARCHAR(20), 
	id_kind VARCHAR(8) NOT NULL, 
	id_raw VARCHAR(40), 
	name VARCHAR(200) NOT NULL, 
	name_fold VARCHAR(200) NOT NULL, 
	name_sort VARCHAR(400) NOT NULL, 
	gender VARCHAR(10), 
	dob DATE, 
	dob_raw VARCHAR(40), 
	phone VARCHAR(20), 
	phone_raw VARCHAR(80), 
	phone_new VARCHAR(20), 
	cccd_rev VARCHAR(20) GENERATED ALWAYS AS (substr(cccd, 20, 1) || substr(cccd, 19, 1) || substr(cccd, 18, 1) || substr(cccd, 17, 1) || substr(cccd, 16, 1) || substr(cccd, 15, 1) || substr(cccd, 14, 1) || substr(cccd, 13, 1) || substr(cccd, 12, 1) || substr(cccd, 11, 1) || substr(cccd, 10, 1) || substr(cccd, 9, 1) || substr(cccd, 8, 1) || substr(cccd, 7, 1) || substr(cccd, 6, 1) || substr(cccd, 5, 1) || substr(cccd, 4, 1) || substr(cccd, 3, 1) || substr(cccd, 2, 1) || substr(cccd, 1, 1)) STORED, 
	phone_rev VARCHAR(20) GENERATED ALWAYS AS (substr(phone, 20, 1) || substr(phone, 19, 1) || substr(phone, 18, 1) || substr(phone, 17, 1) || substr(phone, 16, 1) || substr(phone, 15, 1) || substr(phone, 14, 1) || substr(phone, 13, 1) || substr(phone, 12, 1) || substr(phone, 11, 1) || substr(phone, 10, 1) || substr(phone, 9, 1) || substr(phone, 8, 1) || substr(phone, 7, 1) || substr(phone, 6, 1) || substr(phone, 5, 1) || substr(phone, 4, 1) || substr(phone, 3, 1) || substr(phone, 2, 1) || substr(phone, 1, 1)) STORED, 
	phone_new_rev VARCHAR(20) GENERATED ALWAYS AS (substr(phone_new, 20, 1) || substr(phone_new, 19, 1) || substr(phone_new, 18, 1) || substr(phone_new, 17, 1) || substr(phone_new, 16, 1) || substr(phone_new, 15, 1) || substr(phone_new, 14, 1) || substr(phone_new, 13, 1) || substr(phone_new, 12, 1) || substr(phone_new, 11, 1) || substr(phone_new, 10, 1) || substr(phone_new, 9, 1) || substr(phone_new, 8, 1) || substr(phone_new, 7, 1) || substr(phone_new, 6, 1) || substr(phone_new, 5, 1) || substr(phone_new, 4, 1) || substr(phone_new, 3, 1) || substr(phone_new, 2, 1) || substr(phone_new, 1, 1)) STORED, 
	address TEXT, 
	address_fold TEXT, 
	hamlet_id INTEGER NOT NULL, 
	household_id INTEGER, 
	relation VARCHAR(80), 
	is_head BOOLEAN NOT NULL, 
	account_level VARCHAR(40), 
	source_status VARCHAR(200), 
	source_note TEXT, 
	extra TEXT, 
	first_batch_id INTEGER, 
	last_batch_id INTEGER, 
	status VARCHAR(20) NOT NULL, 
	status_reason VARCHAR(40), 
	status_at DATETIME, 
	attempts INTEGER NOT NULL, 
	last_visit_at DATETIME, 
	revisit_on DATE, 
	team_id INTEGER, 
	version INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (cccd), 
	FOREIGN KEY(hamlet_id) REFERENCES hamlet (id), 
	FOREIGN KEY(household_id) REFERENCES household (id), 
	FOREIGN KEY(first_batch_id) REFERENCES import_batch (id), 
	FOREIGN KEY(last_batch_id) REFERENCES import_batch (id), 
	FOREIGN KEY(team_id) REFERENCES team (id)
);
CREATE INDEX ix_resident_attempts_name ON resident (attempts, name_sort);
CREATE INDEX ix_resident_name_sort ON resident (name_sort);
CREATE INDEX ix_resident_phone ON resident (phone);
CREATE INDEX ix_resident_household_id ON resident (household_id);
CREATE INDEX ix_resident_phone_new_rev ON resident (phone_new_rev);
CREATE INDEX ix_resident_status_name ON resident (status, name_sort);
CREATE INDEX ix_resident_name_sort_fold ON resident (name_sort, id, name_fold, id_raw);
CREATE INDEX ix_resident_household_name ON resident (household_id, name_sort);
CREATE INDEX ix_resident_phone_new ON resident (phone_new);
CREATE INDEX ix_resident_team_id ON resident (team_id);
CREATE INDEX ix_resident_last_visit_name ON resident (last_visit_at, name_sort);
CREATE INDEX ix_resident_dob_name ON resident (dob, name_sort);
CREATE INDEX ix_resident_cccd_name ON resident (cccd, name_sort);
CREATE INDEX ix_resident_cccd_rev ON resident (cccd_rev);
CREATE INDEX ix_resident_hamlet_id ON resident (hamlet_id);
CREATE INDEX ix_resident_status ON resident (status);
CREATE INDEX ix_resident_hamlet_name ON resident (hamlet_id, name_sort);
CREATE INDEX ix_resident_team_name ON resident (team_id, name_sort);
CREATE INDEX ix_resident_phone_rev ON resident (phone_rev);
CREATE INDEX ix_resident_phone_name ON resident (phone, name_sort);
CREATE INDEX ix_resident_id_raw ON resident (id_raw);
CREATE INDEX ix_resident_name_fold ON resident (name_fold);
CREATE TABLE source_row (
	id INTEGER NOT NULL, 
	batch_id INTEGER NOT NULL, 
	sheet VARCHAR(200) NOT NULL, 
	row_number INTEGER NOT NULL, 
	raw TEXT NOT NULL, 
	text_id INTEGER, 
	resident_id INTEGER, 
	disposition VARCHAR(20) NOT NULL, 
	reason TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id), 
	FOREIGN KEY(text_id) REFERENCES source_text (id), 
	FOREIGN KEY(resident_id) REFERENCES resident (id)
);
CREATE INDEX ix_source_row_batch ON source_row (batch_id);
CREATE INDEX ix_source_row_resident_id ON source_row (resident_id);
CREATE TABLE event (
	id INTEGER NOT NULL, 
	resident_id INTEGER, 
	kind VARCHAR(24) NOT NULL, 
	at DATETIME NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	actor VARCHAR(200), 
	team_id INTEGER, 
	batch_id INTEGER, 
	outcome VARCHAR(20), 
	reason VARCHAR(40), 
	note TEXT, 
	data TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(resident_id) REFERENCES resident (id), 
	FOREIGN KEY(team_id) REFERENCES team (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id)
);
CREATE INDEX ix_event_resident ON event (resident_id, id);
CREATE INDEX ix_event_kind_at ON event (kind, at);
CREATE INDEX ix_event_team_id ON event (team_id);
CREATE TABLE pack_item (
	pack_id VARCHAR(32) NOT NULL, 
	resident_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	PRIMARY KEY (pack_id, resident_id), 
	FOREIGN KEY(pack_id) REFERENCES pack (id), 
	FOREIGN KEY(resident_id) REFERENCES resident (id)
);
CREATE INDEX ix_pack_item_resident_id ON pack_item (resident_id);
