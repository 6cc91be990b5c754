import HarborBridge
import Testing

@Suite struct GatewayMetricsTests {
    @Test(arguments: [
        (HardwareError.timeout(outcomeUnknown: true), OpenOutcomeLabel.unknown),
        (.timeout(outcomeUnknown: false), .failed),
        (.unreachable("gone", cause: "DEVICE_VANISHED"), .failed),
        (.deviceNotFound("/dev/ttyUSB9"), .failed),
        (.badReply("refused"), .refused),
        (.channelOutOfRange(channel: 9, channelCount: 8), .refused),
        (.lockerNotFound(4), .refused),
        (.controllerNotFound(2), .refused),
        (.invalidController("no address"), .refused),
    ])
    func openFailuresGetTheirOutcome(error: HardwareError, outcome: OpenOutcomeLabel) {
        #expect(OpenOutcomeLabel(error) == outcome)
    }

    @Test func everyFamilyIsExposedFromTheStartAndGaugesFollowTheStatuses() async {
        var first = ControllerRuntimeStatus(controllerId: 1)
        first.online = true
        let statuses = [first, ControllerRuntimeStatus(controllerId: 2), ControllerRuntimeStatus(controllerId: 3)]
        let metrics = GatewayMetrics { statuses }
        metrics.recordOpen(.refused)
        metrics.recordRoundTrip(controllerId: 3, duration: .milliseconds(30))
        let text = String(decoding: await metrics.exposition(), as: UTF8.self)
        #expect(sample(text, #"harbor_opens_total{outcome="opened"}"#) == 0)
        #expect(sample(text, #"harbor_opens_total{outcome="refused"}"#) == 1)
        #expect(sample(text, "harbor_controllers_online") == 1)
        #expect(sample(text, "harbor_controllers_total") == 3)
        #expect(sample(text, #"harbor_controller_round_trip_seconds_bucket{controller="3",le="0.025"}"#) == 0)
        #expect(sample(text, #"harbor_controller_round_trip_seconds_bucket{controller="3",le="0.05"}"#) == 1)
        #expect(sample(text, #"harbor_controller_round_trip_seconds_sum{controller="3"}"#) == 0.03)
    }

    @Test func separateGatewaysKeepSeparateCounts() async {
        let one = GatewayMetrics()
        let other = GatewayMetrics()
        one.recordOpen(.opened)
        let text = String(decoding: await other.exposition(), as: UTF8.self)
        #expect(sample(text, #"harbor_opens_total{outcome="opened"}"#) == 0)
    }
}
