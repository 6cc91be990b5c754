import GRDB

extension HarborStore {
    /// A cheap proof that the database answers (for `GET /health`, which must
    /// not run a full integrity check on every probe).
    public func answers() async -> Bool {
        (try? await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }) != nil
    }
}
