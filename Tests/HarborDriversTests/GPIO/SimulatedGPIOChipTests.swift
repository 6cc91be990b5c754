import Testing
@testable import HarborDrivers

@Suite struct SimulatedGPIOChipTests {
    @Test func outputsStartInactiveAndActiveLowInverts() throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let plain = try chip.requestOutputs([.offset(0)], activeLow: false, consumer: "t")
        let inverted = try chip.requestOutputs([.name("GPIO1")], activeLow: true, consumer: "t")
        #expect(chip.isHigh(.offset(0)) == false)
        #expect(chip.isHigh(.offset(1)) == true)
        try plain.set(index: 0, active: true)
        try inverted.set(index: 0, active: true)
        #expect(chip.isHigh(.offset(0)) == true)
        #expect(chip.isHigh(.offset(1)) == false)
        #expect(chip.writes.map(\.high) == [true, false])
    }

    @Test func aHeldLineIsBusyUntilReleased() throws {
        let chip = SimulatedGPIOChip(lineCount: 4)
        let first = try chip.requestOutputs([.name("GPIO2")], activeLow: false, consumer: "relays")
        #expect(chip.consumer(of: .offset(2)) == "relays")
        #expect(throws: GPIOError.lineBusy("line at offset 2 is held by relays")) {
            try chip.requestInputs([.offset(2)], activeLow: false, pullUp: false, consumer: "doors")
        }
        first.release()
        #expect(chip.consumer(of: .offset(2)) == nil)
        let afterRelease = #expect(throws: GPIOError.self) { try first.set(index: 0, active: true) }
        #expect(afterRelease?.code == "GPIO_IO_FAILED")
        _ = try chip.requestInputs([.offset(2)], activeLow: false, pullUp: false, consumer: "doors")
    }

    @Test func aFailedRequestHoldsNothing() {
        let chip = SimulatedGPIOChip(lineCount: 4)
        #expect(throws: GPIOError.self) {
            try chip.requestOutputs([.offset(0), .name("GPIO9")], activeLow: false, consumer: "t")
        }
        #expect(throws: GPIOError.self) {
            try chip.requestOutputs([.offset(1), .offset(1)], activeLow: false, consumer: "t")
        }
        #expect(chip.consumer(of: .offset(0)) == nil)
        #expect(chip.consumer(of: .offset(1)) == nil)
    }

    @Test func droppingARequestReleasesItsLines() throws {
        let chip = SimulatedGPIOChip(lineCount: 2)
        do {
            _ = try chip.requestOutputs([.offset(0)], activeLow: false, consumer: "t")
        }
        #expect(chip.consumer(of: .offset(0)) == nil)
    }

    @Test func floatingInputsFollowTheirBias() throws {
        let chip = SimulatedGPIOChip(lineCount: 3)
        let inputs = try chip.requestInputs([.offset(0), .offset(1)], activeLow: false, pullUp: true, consumer: "t")
        let pulledDown = try chip.requestInputs([.offset(2)], activeLow: false, pullUp: false, consumer: "t")
        #expect(try inputs.get(index: 0) == true)
        #expect(try pulledDown.get(index: 0) == false)
        chip.drive(.offset(1), high: false)
        #expect(try inputs.get(index: 1) == false)
        chip.drive(.offset(1), high: nil)
        #expect(try inputs.get(index: 1) == true)
        #expect(throws: GPIOError.lineNotFound("the request has no line at index 2")) {
            try inputs.get(index: 2)
        }
    }

    @Test func refusalsAndFailuresAreTyped() throws {
        let chip = SimulatedGPIOChip(lineCount: 2)
        let lines = try chip.requestOutputs([.offset(0)], activeLow: false, consumer: "t")
        chip.refuseRequests(with: .permissionDenied("not in group gpio"))
        #expect(throws: GPIOError.permissionDenied("not in group gpio")) {
            try chip.requestOutputs([.offset(1)], activeLow: false, consumer: "t")
        }
        chip.failLineAccess(with: .ioFailed(operation: "set", errno: 19))
        #expect(throws: GPIOError.ioFailed(operation: "set", errno: 19)) {
            try lines.set(index: 0, active: true)
        }
        chip.refuseRequests(with: nil)
        chip.failLineAccess(with: nil)
        try lines.set(index: 0, active: true)
        _ = try chip.requestOutputs([.offset(1)], activeLow: false, consumer: "t")
    }
}

@Suite struct SimulatedGPIOFaultTests {
    @Test func faultsCanHitOneLineForACountedNumberOfAccesses() throws {
        let chip = SimulatedGPIOChip(lineCount: 2)
        let lines = try chip.requestOutputs([.offset(0), .offset(1)], activeLow: false, consumer: "t")
        chip.failLineAccess(with: .ioFailed(operation: "set", errno: 5), on: .offset(1), times: 2)
        try lines.set(index: 0, active: true)
        #expect(throws: GPIOError.self) { try lines.set(index: 1, active: true) }
        #expect(throws: GPIOError.self) { try lines.set(index: 1, active: true) }
        try lines.set(index: 1, active: true)
        #expect(chip.writes.map(\.offset) == [0, 1])
    }
}
