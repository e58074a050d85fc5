import Fluent
import Foundation
import PactaCore
import Vapor

/// `/api/v1/edl`: Talento Humano's reports as JSON, from the same queries as the pages.
enum ReportesEDLAPI {
    static func register(_ r: any RoutesBuilder) {
        let edl = r.grouped("edl")
        edl.get("periodos", ":id", "reporte", use: reporte)
        edl.get("insubsistencia", use: insubsistencia)
    }

    @Sendable static func reporte(req: Request) async throws -> ReporteEDLDTO {
        try await ReportesEDL.reporte(req.parameters.get("id", as: UUID.self), req.actor(), hoy: req.hoy, on: req.db)
    }

    @Sendable static func insubsistencia(req: Request) async throws -> InsubsistenciaDTO {
        try await ReportesEDL.insubsistencia(req.actor(), on: req.db)
    }
}
