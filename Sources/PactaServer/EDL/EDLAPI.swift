import Fluent
import Foundation
import PactaCore
import Vapor

/// `/api/v1/edl`: the same services as the pages, as JSON.
enum EDLAPI {
    static func register(_ r: any RoutesBuilder) {
        let edl = r.grouped("edl")
        edl.get("presets", use: presets)
        edl.get("competencias", use: competencias)
        edl.get("instrumentos", use: instrumentos)
        edl.post("instrumentos", use: crearInstrumento)
        edl.get("instrumentos", ":id", use: instrumento)
        edl.put("instrumentos", ":id", use: actualizarInstrumento)
        edl.get("periodos", use: periodos)
        edl.post("periodos", use: abrirPeriodo)
        edl.get("periodos", ":id", use: periodo)
        edl.get("periodos", ":id", "evaluaciones", use: evaluacionesDelPeriodo)
        edl.post("periodos", ":id", "comision", use: comisionPeriodo)
        edl.post("periodos", ":id", "incorporaciones", use: incorporar)
        edl.get("evaluaciones", use: mias)
        edl.get("evaluaciones", ":id", use: evaluacion)
        let participantes = edl.grouped(SoloParticipantesEDLMiddleware())
        participantes.put("evaluaciones", ":id", "compromisos", use: compromisos)
        participantes.post("evaluaciones", ":id", "acciones", use: accion)
        participantes.post("evaluaciones", ":id", "calificaciones", use: calificar)
        participantes.post("evaluaciones", ":id", "minimo", use: minimo)
        participantes.post("evaluaciones", ":id", "comision", use: comision)
        participantes.post("evaluaciones", ":id", "extraordinaria", use: extraordinaria)
        participantes.post("evaluaciones", ":id", "parciales", ":tramo", "evaluador", use: designar)
        participantes.on(.POST, "evaluaciones", ":id", "evidencias", body: .collect(maxSize: "11mb"), use: evidencia)
        edl.get("evaluaciones", ":id", "evidencias", ":evidencia", "archivo", use: archivo)
        participantes.post("evaluaciones", ":id", "plan", use: accionDeMejora)
        participantes.post("evaluaciones", ":id", "plan", ":accion", "seguimientos", use: seguimientoDeMejora)
        r.get("avisos", use: avisos)
        r.post("avisos", "leidos", use: marcarLeidos)
    }

    struct PresetDTO: Content { let codigo: String; let definicion: DefinicionEDL }

    @Sendable static func presets(req: Request) async throws -> [PresetDTO] {
        _ = try req.actor()
        return PresetEDL.allCases.map { PresetDTO(codigo: $0.rawValue, definicion: $0.definicion) }
    }

    struct CompetenciaDTO: Content { let codigo: String; let nombre: String; let nivel: String? }

    @Sendable static func competencias(req: Request) async throws -> [CompetenciaDTO] {
        _ = try req.actor()
        return CatalogoCompetencias.decreto815.map { CompetenciaDTO(codigo: $0.codigo, nombre: $0.nombre, nivel: $0.nivel?.rawValue) }
    }

    @Sendable static func instrumentos(req: Request) async throws -> [InstrumentoDTO] {
        try await InstrumentosEDLService.listar(req.actor(), on: req.db).map(InstrumentoDTO.init)
    }

    @Sendable static func crearInstrumento(req: Request) async throws -> Response {
        let i = try await InstrumentosEDLService.crear(req.content.decode(InstrumentosEDLService.CrearInput.self), req.actor(), on: req.db)
        return try await InstrumentoDTO(i).encodeResponse(status: .created, for: req)
    }

    @Sendable static func instrumento(req: Request) async throws -> InstrumentoDTO {
        try await InstrumentoDTO(InstrumentosEDLService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db))
    }

    /// Same fields as the edit form: only the fields sent change.
    @Sendable static func actualizarInstrumento(req: Request) async throws -> InstrumentoDTO {
        let body = try req.content.decode(InstrumentosEDLService.EdicionInput.self)
        return try await InstrumentoDTO(InstrumentosEDLService.editar(req.parameters.get("id", as: UUID.self), body, req.actor(), on: req.db))
    }

    @Sendable static func periodos(req: Request) async throws -> [PeriodoDTO] {
        let actor = try req.actor()
        var r: [PeriodoDTO] = []
        for p in try await PeriodosEDLService.listar(actor, on: req.db) {
            r.append(PeriodoDTO(p, porEstado: try await PeriodosEDLService.conteoPorEstado(p.id!, actor, on: req.db)))
        }
        return r
    }

    struct AperturaDTO: Content {
        let periodo: PeriodoDTO
        let creadas: Int
        let sinEvaluador: Int
        let omitidos: Int
    }

    @Sendable static func abrirPeriodo(req: Request) async throws -> Response {
        let actor = try req.actor()
        let a = try await PeriodosEDLService.abrir(req.content.decode(PeriodosEDLService.AbrirInput.self), actor, hoy: req.hoy, on: req.db)
        let conteo = try await PeriodosEDLService.conteoPorEstado(a.periodo.id!, on: req.db)
        // Read back with its instrument, as GET returns it.
        let periodo = try await PeriodosEDLService.obtener(a.periodo.id, actor, on: req.db)
        return try await AperturaDTO(periodo: PeriodoDTO(periodo, porEstado: conteo), creadas: a.creadas, sinEvaluador: a.sinEvaluador,
                                     omitidos: a.omitidos).encodeResponse(status: .created, for: req)
    }

    @Sendable static func periodo(req: Request) async throws -> PeriodoDTO {
        let actor = try req.actor()
        let p = try await PeriodosEDLService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        return PeriodoDTO(p, porEstado: try await PeriodosEDLService.conteoPorEstado(p.id!, actor, on: req.db))
    }

    @Sendable static func evaluacionesDelPeriodo(req: Request) async throws -> PaginaDTO<EvaluacionResumenDTO> {
        let actor = try req.actor()
        let p = try await PeriodosEDLService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        let f = try req.query.decode(FiltroEvaluaciones.self)
        let r = try await ListadoEDL.listar(p.id!, f, actor, hoy: req.hoy, on: req.db)
        return PaginaDTO(items: r.items, pagina: r.pagina, porPagina: r.porPagina, total: r.total)
    }

    struct ConteoDTO: Content { let evaluaciones: Int }

    @Sendable static func comisionPeriodo(req: Request) async throws -> ConteoDTO {
        let n = try await EvaluacionesEDLService.asignarComisionPeriodo(req.parameters.get("id", as: UUID.self),
                                                                      req.content.decode(EvaluacionesEDLService.ComisionInput.self),
                                                                      req.actor(), hoy: req.hoy, on: req.db)
        return ConteoDTO(evaluaciones: n)
    }

    struct IncorporacionDTO: Content { let creadas: Int; let sinEvaluador: Int; let omitidos: Int }

    @Sendable static func incorporar(req: Request) async throws -> IncorporacionDTO {
        let r = try await PeriodosEDLService.incorporar(req.parameters.get("id", as: UUID.self), req.actor(), hoy: req.hoy, on: req.db)
        return IncorporacionDTO(creadas: r.creadas, sinEvaluador: r.sinEvaluador, omitidos: r.omitidos)
    }

    @Sendable static func mias(req: Request) async throws -> [EvaluacionResumenDTO] {
        try await EDLVistas.resumenes(ListadoEDL.mias(req.actor(), on: req.db), on: req.db)
    }

    static func detalle(_ id: UUID?, req: Request) async throws -> EvaluacionDetalleDTO {
        let actor = try req.actor()
        let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: req.db)
        return try await EDLVistas.detalle(ev, roles: roles, actor, hoy: req.hoy, on: req.db)
    }

    @Sendable static func evaluacion(req: Request) async throws -> EvaluacionDetalleDTO {
        try await detalle(req.parameters.get("id", as: UUID.self), req: req)
    }

    @Sendable static func compromisos(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await EvaluacionesEDLService.guardarCompromisos(req.parameters.get("id", as: UUID.self),
                                                                    req.content.decode(EvaluacionesEDLService.CompromisosInput.self),
                                                                    req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    @Sendable static func accion(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await EvaluacionesEDLService.ejecutar(req.parameters.get("id", as: UUID.self),
                                                           req.content.decode(EvaluacionesEDLService.AccionInput.self),
                                                           req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    @Sendable static func calificar(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await TramosEDLService.calificar(req.parameters.get("id", as: UUID.self),
                                                      req.content.decode(TramosEDLService.CalificarInput.self),
                                                      req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    @Sendable static func minimo(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await TramosEDLService.aplicarMinimo(req.parameters.get("id", as: UUID.self), req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    @Sendable static func comision(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await EvaluacionesEDLService.asignarComision(req.parameters.get("id", as: UUID.self),
                                                                  req.content.decode(EvaluacionesEDLService.ComisionInput.self),
                                                                  req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    @Sendable static func extraordinaria(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await EvaluacionesEDLService.ordenarExtraordinaria(req.parameters.get("id", as: UUID.self),
                                                                        req.content.decode(EvaluacionesEDLService.ExtraordinariaInput.self),
                                                                        req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    @Sendable static func designar(req: Request) async throws -> EvaluacionDetalleDTO {
        let ev = try await TramosEDLService.designarEvaluador(req.parameters.get("id", as: UUID.self), tramo: req.parameters.get("tramo", as: UUID.self),
                                                              req.content.decode(TramosEDLService.DesignarInput.self),
                                                              req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(ev.id, req: req)
    }

    struct EvidenciaMultipart: Content {
        var nota: String?
        var compromisoId: String?
        var observacion: String?
        var archivo: File?
    }

    struct EvidenciaCreada: Content { let id: UUID; let archivo: String?; let tamano: Int }

    @Sendable static func evidencia(req: Request) async throws -> Response {
        let actor = try req.actor()
        let m = try req.content.decode(EvidenciaMultipart.self)
        let archivo = EvidenciasService.Archivo(m.archivo)
        let e = try await SeguimientoEDLService.agregar(req.parameters.get("id", as: UUID.self),
                                                        .init(nota: m.nota, compromisoId: m.compromisoId, observacion: m.observacion),
                                                        archivo: archivo, actor, hoy: req.hoy, on: req.db)
        return try await EvidenciaCreada(id: e.id!, archivo: e.nombreArchivo, tamano: e.tamano).encodeResponse(status: .created, for: req)
    }

    @Sendable static func archivo(req: Request) async throws -> Response {
        let e = try await SeguimientoEDLService.archivo(req.parameters.get("id", as: UUID.self), req.parameters.get("evidencia", as: UUID.self),
                                                        req.actor(), on: req.db)
        return EvidenciasService.descargar(e)
    }

    @Sendable static func accionDeMejora(req: Request) async throws -> Response {
        let a = try await SeguimientoEDLService.agregarAccion(req.parameters.get("id", as: UUID.self),
                                                              req.content.decode(SeguimientoEDLService.AccionInput.self),
                                                              req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(a.evaluacionID, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func seguimientoDeMejora(req: Request) async throws -> EvaluacionDetalleDTO {
        let a = try await SeguimientoEDLService.seguirAccion(req.parameters.get("id", as: UUID.self), accionID: req.parameters.get("accion", as: UUID.self),
                                                             req.content.decode(SeguimientoEDLService.SeguimientoInput.self),
                                                             req.actor(), hoy: req.hoy, on: req.db)
        return try await detalle(a.evaluacionID, req: req)
    }

    struct AvisoDTO: Content {
        let id: UUID; let asunto: String; let cuerpo: String; let enlace: String?; let estado: String; let leido: Bool; let creado: Date?
    }

    @Sendable static func avisos(req: Request) async throws -> [AvisoDTO] {
        try await AvisosService.mios(req.actor(), on: req.db).map {
            AvisoDTO(id: $0.id!, asunto: $0.asunto, cuerpo: $0.cuerpo, enlace: $0.enlace, estado: $0.estado.rawValue, leido: $0.leido, creado: $0.createdAt)
        }
    }

    struct NoLeidosDTO: Content { let noLeidos: Int }

    /// Marks all of the actor's notices as read, as the page's button does.
    @Sendable static func marcarLeidos(req: Request) async throws -> NoLeidosDTO {
        let actor = try req.actor()
        try await AvisosService.marcarLeidos(actor, on: req.db)
        return NoLeidosDTO(noLeidos: try await AvisosService.noLeidos(actor, on: req.db))
    }
}
