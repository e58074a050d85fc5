import Foundation
import PactaServer
import Vapor

// pacta-bench: in-process measurements of a loaded database (see scripts/benchmark).
// Reads the same environment as `pacta` (DATABASE_URL or PACTA_DATA_DIR). Writes nothing.
let app = try await Application.make(.production)
do {
    try await configure(app, bootstrap: false)
    app.logger.logLevel = .warning
    let lineas = try await MedicionEDL.medir(app)
    print("| medición | n | segundos | µs por elemento | nota |")
    print("|---|---:|---:|---:|---|")
    for l in lineas {
        let por = l.n > 0 ? String(format: "%.1f", l.segundos * 1_000_000 / Double(l.n)) : "-"
        print("| \(l.nombre) | \(l.n) | \(String(format: "%.3f", l.segundos)) | \(por) | \(l.nota) |")
    }
} catch {
    print("pacta-bench: \(String(reflecting: error))")
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
