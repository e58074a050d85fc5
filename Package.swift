// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pacta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pacta", targets: ["pacta"]),
        .library(name: "PactaCore", targets: ["PactaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    ],
    targets: [
        // The domain: rules, calendar, workflows. Foundation only.
        .target(name: "PactaCore"),
        // Reading and writing .xlsx and CSV, independent of the domain and the server.
        .target(
            name: "Spreadsheet",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "PactaServer",
            dependencies: [
                "PactaCore",
                "Spreadsheet",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "pacta",
            dependencies: ["PactaServer", .product(name: "Vapor", package: "vapor")]
        ),
        // In-process measurements for scripts/benchmark.
        .executableTarget(
            name: "pacta-bench",
            dependencies: ["PactaServer", .product(name: "Vapor", package: "vapor")]
        ),
        .testTarget(name: "PactaCoreTests", dependencies: ["PactaCore"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"]),
        .testTarget(
            name: "PactaServerTests",
            dependencies: [
                "PactaServer",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
