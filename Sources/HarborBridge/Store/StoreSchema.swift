import GRDB

/// The versioned schema. Migrations only ever get appended: a shipped one is never edited.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Timestamps are INTEGER milliseconds since the Unix epoch (UTC): exact round trips,
            // cheap comparisons and an index order equal to time order.
            try db.execute(sql: """
                CREATE TABLE controllers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('serial', 'tcp', 'gpio', 'simulated')),
                    board_protocol TEXT NOT NULL CHECK (board_protocol IN
                        ('cu-xor', 'kerong-cu16', 'kerong-cu48', 'modbus-relay', 'gpio-relay', 'simulated')),
                    device TEXT,
                    baud_rate INTEGER,
                    host TEXT,
                    port INTEGER,
                    address INTEGER,
                    chip TEXT,
                    lines TEXT,
                    door_lines TEXT,
                    active_low INTEGER NOT NULL DEFAULT 0,
                    pulse_ms INTEGER,
                    feedback_polarity TEXT NOT NULL DEFAULT 'set-closed'
                        CHECK (feedback_polarity IN ('set-closed', 'set-open')),
                    serial TEXT,
                    created_at INTEGER NOT NULL,
                    retired_at INTEGER,
                    replaced_by_id INTEGER REFERENCES controllers(id)
                );
                CREATE UNIQUE INDEX controllers_live_serial
                    ON controllers(serial) WHERE retired_at IS NULL AND serial IS NOT NULL;

                CREATE TABLE lockers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    controller_id INTEGER NOT NULL REFERENCES controllers(id),
                    channel INTEGER NOT NULL CHECK (channel >= 1),
                    out_of_service INTEGER NOT NULL DEFAULT 0,
                    reason_code TEXT,
                    reason TEXT,
                    updated_at INTEGER NOT NULL,
                    removed_at INTEGER
                );
                CREATE UNIQUE INDEX lockers_live_channel
                    ON lockers(controller_id, channel) WHERE removed_at IS NULL;

                CREATE TABLE transactions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    locker_id INTEGER NOT NULL REFERENCES lockers(id),
                    status TEXT NOT NULL CHECK (status IN ('active', 'released')),
                    reference TEXT,
                    created_at INTEGER NOT NULL,
                    released_at INTEGER
                );
                CREATE UNIQUE INDEX transactions_one_active_per_locker
                    ON transactions(locker_id) WHERE status = 'active';
                CREATE INDEX transactions_by_status ON transactions(status, created_at);
                CREATE INDEX transactions_by_locker ON transactions(locker_id, created_at);
                CREATE INDEX transactions_by_creation ON transactions(created_at);

                CREATE TABLE logs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    timestamp INTEGER NOT NULL,
                    level TEXT NOT NULL,
                    level_rank INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    message TEXT NOT NULL,
                    metadata TEXT
                );

                CREATE TABLE config (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2") { db in
            // Admin sessions: only SHA-256 of each token is kept, so a copy of the
            // database yields no usable token. Times in milliseconds as in v1.
            try db.execute(sql: """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    user TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_used_at INTEGER NOT NULL,
                    expires_at_absolute INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX sessions_by_expiry ON sessions(expires_at_absolute);
                """)
        }
        return migrator
    }
}
