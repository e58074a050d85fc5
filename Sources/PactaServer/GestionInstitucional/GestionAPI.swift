import Fluent
import Foundation
import PactaCore
import Vapor

/// `/api/v1/gestion`: the same services as the pages, as JSON.
enum GestionAPI {
    static func register(_ r: any RoutesBuilder) {
        let g = r.grouped("gestion")
        g.get("vigencias", use: vigencias)
        g.post("vigencias", use: abrir)
        g.get("vigencias", ":id", use: vigencia)
        g.put("vigencias", ":id", "plan", use: plan)
        g.post("vigencias", ":id", "incorporaciones", use: incorporar)
        g.get("vigencias", ":id", "evaluaciones", use: evaluacionesDeVigencia)
        g.get("evaluaciones", use: mias)
        g.get("evaluaciones", ":id", use: evaluacion)
        let participantes = g.grouped(SoloParticipantesGIMiddleware())
        participantes.post("evaluaciones", ":id", "acciones", use: accion)
        participantes.on(.POST, "evaluaciones", ":id", "evidencias", body: .collect(maxSize: "11mb"), use: evidencia)
        g.get("evaluaciones", ":id", "evidencias", ":evidencia", "archivo", use: archivo)
    }

    struct EvidenciaMultipart: Content {
        var nota: String?
        var metaId: String?
        var observacion: String?
        var archivo: File?
    }

    struct EvidenciaCreada: Content { let id: UUID; let archivo: String?; let tamano: Int }

    @Sendable static func evidencia(req: Request) async throws -> Response {
        let m = try req.content.decode(EvidenciaMultipart.self)
        let e = try await EvidenciasGIService.agregar(req.parameters.get("id", as: UUID.self),
                                                      .init(nota: m.nota, metaId: m.metaId, observacion: m.observacion),
                                                      archivo: EvidenciasService.Archivo(m.archivo), req.actor(), hoy: req.hoy, on: req.db)
        return try await EvidenciaCreada(id: e.id!, archivo: e.nombreArchivo, tamano: e.tamano).encodeResponse(status: .created, for: req)
    }

    @Sendable static func archivo(req: Request) async throws -> Response {
        EvidenciasService.descargar(try await EvidenciasGIService.archivo(req.parameters.get("id", as: UUID.self),
                                                                          req.parameters.get("evidencia", as: UUID.self), req.actor(), on: req.db))
    }

    @Sendable static func vigencias(req: Request) async throws -> [VigenciaGIDTO] {
        try await VigenciasGIService.listar(req.actor(), on: req.db).map { try VigenciaGIDTO($0) }
    }

    @Sendable static func abrir(req: Request) async throws -> Response {
        let (v, _) = try await VigenciasGIService.abrir(req.content.decode(VigenciasGIService.AbrirInput.self), req.actor(), hoy: req.hoy, on: req.db)
        return try await VigenciaGIDTO(v).encodeResponse(status: .created, for: req)
    }

    @Sendable static func vigencia(req: Request) async throws -> VigenciaGIDTO {
        let actor = try req.actor()
        let v = try await VigenciasGIService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        return try VigenciaGIDTO(v, porEstado: try await ListadoGI.porEstado(v, actor, on: req.db))
    }

    @Sendable static func plan(req: Request) async throws -> VigenciaGIDTO {
        try await VigenciaGIDTO(VigenciasGIService.actualizarPlan(req.parameters.get("id", as: UUID.self),
                                                                 req.content.decode(VigenciasGIService.PlanInput.self), req.actor(), on: req.db))
    }

    struct Incorporados: Content { let incorporados: Int }

    @Sendable static func incorporar(req: Request) async throws -> Incorporados {
        Incorporados(incorporados: try await VigenciasGIService.incorporar(req.parameters.get("id", as: UUID.self), req.actor(), hoy: req.hoy, on: req.db))
    }

    /// The stage report and control point of a vigencia; `formato=csv|xlsx` exports every matching row.
    @Sendable static func evaluacionesDeVigencia(req: Request) async throws -> Response {
        let actor = try req.actor()
        let v = try await VigenciasGIService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        let f = try req.query.decode(FiltroGI.self)
        let formato: String? = req.query["formato"]
        let r = try await ListadoGI.filas(v, f, actor, hoy: req.hoy, paginar: formato == nil, on: req.db)
        if let formato {
            return try Exportar.respuesta(nombre: "gestion-institucional-\(v.anio)", hoja: "Evaluaciones", encabezados: ListadoGI.encabezados,
                                          filas: r.filas.map(ListadoGI.celdas), formato: formato)
        }
        return try await PaginaDTO(items: r.filas, pagina: f.pagina ?? 1, porPagina: f.porPagina ?? 50, total: r.total).encodeResponse(for: req)
    }

    @Sendable static func mias(req: Request) async throws -> [FilaGI] {
        let actor = try req.actor()
        var r: [FilaGI] = []
        for v in try await VigenciasGIService.listar(actor, on: req.db) {
            r += try await ListadoGI.filas(v, FiltroGI(), actor, hoy: req.hoy, paginar: false, on: req.db).filas
        }
        return r
    }

    @Sendable static func evaluacion(req: Request) async throws -> EvaluacionGIDTO {
        let (ev, roles) = try await GestionAcceso.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await EvaluacionGIDTO.make(ev, roles: roles, hoy: req.hoy, on: req.db)
    }

    @Sendable static func accion(req: Request) async throws -> EvaluacionGIDTO {
        let actor = try req.actor()
        let ev = try await EvaluacionesGIService.ejecutar(req.parameters.get("id", as: UUID.self),
                                                         req.content.decode(EvaluacionesGIService.AccionGIInput.self), actor, hoy: req.hoy, on: req.db)
        return try await EvaluacionGIDTO.make(ev, roles: GestionAcceso.roles(ev, actor), hoy: req.hoy, on: req.db)
    }
}
