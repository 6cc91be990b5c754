import Foundation
import HarborBridge
import Testing

@Suite struct ModelCodingTests {
    private func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: try APICoding.makeEncoder().encode(value))
    }

    @Test func requiredNullableFieldsAreWrittenAsNull() throws {
        let transaction = try json(Fixtures.activeTransaction)
        #expect(transaction["releasedAt"] == .null)
        let locker = try json(Fixtures.occupiedLocker)
        #expect(locker["reasonCode"] == .null && locker["reason"] == .null)
        let free = try json(Fixtures.outOfServiceLocker)
        #expect(free["transactionId"] == .null && free["reasonCode"] == "LOCK_FAULT" && free["status"] == "out_of_service")
        #expect(try json(NetworkInterface(name: "lo", up: true, macAddress: nil, addresses: []))["macAddress"] == .null)
    }

    @Test func optionalFieldsAreLeftOut() throws {
        let opened = try json(Fixtures.opened)
        #expect(opened == .object(["success": true, "lockerId": 12, "doorState": "open", "outcome": "opened"]))
        let entry = try json(LogEntry(id: 1, timestamp: Date(timeIntervalSince1970: 0), level: .info, category: "http", message: "m"))
        #expect(entry["metadata"] == nil)
        #expect(try json(OperationResponse()) == .object(["success": true]))
        #expect(try json(APIErrorBody(code: "NOT_FOUND", message: "m"))["details"] == nil)
    }

    @Test func everyModelSurvivesTheSharedCoding() throws {
        func roundTrip<Model: Codable & Equatable>(_ value: Model) throws {
            let data = try APICoding.makeEncoder().encode(value)
            #expect(try APICoding.makeDecoder().decode(Model.self, from: data) == value)
        }
        try roundTrip(Fixtures.occupiedLocker)
        try roundTrip(Fixtures.outOfServiceLocker)
        try roundTrip(Fixtures.releasedTransaction)
        try roundTrip(Fixtures.system)
        try roundTrip(Fixtures.logEntry)
        try roundTrip(Fixtures.health)
        try roundTrip(OpenAllLockersResponse(run: Fixtures.openAllRun))
        try roundTrip(MultiStatusOperationResponse(run: Fixtures.openAllRunWithTimeout))
        try roundTrip(APIError.lockerOccupied([23, 24]).body)
    }

    @Test func openAllCountsFollowTheOutcomes() {
        let run = OpenAllRun(
            results: [
                LockerOpenResult(lockerId: 1, outcome: .opened, doorState: .open),
                LockerOpenResult(lockerId: 2, outcome: .failed, doorState: .unknown, errorCode: "CONTROLLER_UNREACHABLE"),
                LockerOpenResult(lockerId: 3, outcome: .unknown, doorState: .unknown, errorCode: "HARDWARE_TIMEOUT"),
                LockerOpenResult(lockerId: 4, outcome: .skipped, doorState: .closed, errorCode: "LOCKER_OUT_OF_SERVICE"),
            ],
            durationMs: 10)
        #expect(run.opened == 1 && run.failed == 2 && run.skipped == 1)
        #expect(run.results.map(\.success) == [true, false, false, true])
    }

    @Test func logLevelsOrderBySeverity() {
        #expect(LogLevel.trace < .debug && LogLevel.warning < .error && LogLevel.error < .critical)
        #expect(LogLevel.allCases.sorted() == LogLevel.allCases)
    }

    @Test func anErrorAnswerCarriesItsStatusHeadersAndBody() throws {
        let response = APIError.unauthorized().errorResponse()
        #expect(response.status == .unauthorized)
        #expect(response.headers[.wwwAuthenticate] == #"Basic realm="Harbor Gateway""#)
        let methods = APIError.methodNotAllowed(.delete, allowed: [.get, .post]).errorResponse()
        #expect(methods.headers[.allow] == "GET, POST")
        #expect(APIError.hardwareTimeout(lockerId: 5, controllerId: 1, doorState: .unknown).details == [
            "lockerId": 5, "controllerId": 1, "outcome": "unknown", "doorState": "unknown",
        ])
    }
}
