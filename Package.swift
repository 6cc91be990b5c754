// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "HarborGateway",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "HarborDrivers", targets: ["HarborDrivers"]),
        .library(name: "HarborBridge", targets: ["HarborBridge"]),
        .executable(name: "harbor-bridge", targets: ["harbor-bridge"]),
        .executable(name: "harbor-sim", targets: ["harbor-sim"]),
        .executable(name: "harbor-board", targets: ["harbor-board"]),
        .executable(name: "harbor-bench", targets: ["harbor-bench"]),
        .executable(name: "harbor-baseline", targets: ["harbor-baseline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
    ],
    targets: [
        // libgpiod 1.6 (the v1 API Debian 12 ships), reached through a module map.
        .systemLibrary(
            name: "CGPIO",
            pkgConfig: "libgpiod",
            providers: [.apt(["libgpiod-dev"])]
        ),
        // libudev (systemd 252 on Debian 12): USB serial adapters and their hotplug events.
        .systemLibrary(
            name: "CUdev",
            pkgConfig: "libudev",
            providers: [.apt(["libudev-dev"])]
        ),
        .target(
            name: "HarborDrivers",
            dependencies: ["CGPIO", "CUdev"]
        ),
        // sd_notify and the watchdog, with no dependencies so it stays small and testable alone.
        .target(name: "HarborSystemd"),
        .target(
            name: "HarborBridge",
            dependencies: [
                "HarborDrivers",
                "HarborSystemd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                // Sentry's HTTP client: on SwiftNIO like the server, so the service does not
                // link FoundationNetworking and libcurl (about 10 MiB of resident pages).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // The admin web interface, compiled into the binary: GET /admin reads no files at run time.
            resources: [
                "page.html", "style.css", "api.js", "view.js", "lockers.js", "events.js", "transactions.js",
                "controller_form.js", "controllers.js", "system.js", "app.js",
            ].map { .embedInCode("AdminUI/\($0)") }
                // The OpenAPI document, served at GET /openapi.yaml byte for byte.
                + [.embedInCode("OpenAPI/harbor-gateway.yaml")]
        ),
        .executableTarget(
            name: "harbor-bridge",
            dependencies: [
                "HarborBridge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "harbor-sim",
            dependencies: [
                "HarborDrivers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "harbor-board",
            dependencies: [
                "HarborDrivers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "harbor-bench",
            dependencies: [
                "HarborDrivers",
                "HarborBridge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The yardstick of `harbor-bench compare`: bare Hummingbird + GRDB, no gateway code.
        .executableTarget(
            name: "harbor-baseline",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "HarborDriversTests", dependencies: ["HarborDrivers"]),
        .testTarget(name: "HarborSystemdTests", dependencies: ["HarborSystemd"]),
        .testTarget(
            name: "HarborBridgeTests",
            dependencies: [
                "HarborBridge",
                "HarborDrivers",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Drives the built executables (harbor-sim, harbor-board, harbor-bridge) as a
        // technician would; it links no gateway code of its own. GRDB reads a killed
        // bridge's database file read-only (the crash-safety test).
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HarborDrivers", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
