import Fluent
import Foundation
import PactaCore
import Vapor

enum EstructuraAPI {
    static func register(_ r: any RoutesBuilder) {
        r.get("entidad", use: entidad)
        r.get("dependencias", use: dependencias)
        r.post("dependencias", use: crearDependencia)
        r.get("dependencias", ":id", use: dependencia)
        r.put("dependencias", ":id", use: actualizarDependencia)
        r.get("procesos", use: procesos)
        r.post("procesos", use: crearProceso)
        r.get("procesos", ":id", use: proceso)
        r.put("procesos", ":id", use: actualizarProceso)
        r.get("empleos", use: empleos)
        r.post("empleos", use: crearEmpleo)
        r.get("empleos", ":id", use: empleo)
        r.put("empleos", ":id", use: actualizarEmpleo)
    }

    struct Filtro: Content { var buscar: String?; var tipo: String?; var nivel: String? }

    @Sendable static func entidad(req: Request) async throws -> EntidadDTO {
        let a = try req.actor()
        guard let e = try await Entidad.find(a.entidadID, on: req.db) else { throw PactaError.noEncontrado("La entidad") }
        return EntidadDTO(e)
    }

    @Sendable static func dependencias(req: Request) async throws -> [DependenciaDTO] {
        let f = try req.query.decode(Filtro.self)
        return try await DependenciasService.listar(req.actor(), on: req.db, buscar: f.buscar, tipo: Campos.filtro("tipo", f.tipo)).map(DependenciaDTO.init)
    }
    @Sendable static func dependencia(req: Request) async throws -> DependenciaDTO {
        try await DependenciaDTO(DependenciasService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db))
    }
    @Sendable static func crearDependencia(req: Request) async throws -> Response {
        let d = try await DependenciasService.guardar(req.content.decode(DependenciaInput.self), id: nil, req.actor(), on: req.db)
        return try await DependenciaDTO(d).encodeResponse(status: .created, for: req)
    }
    @Sendable static func actualizarDependencia(req: Request) async throws -> DependenciaDTO {
        let id = try await DependenciasService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db).id
        return try await DependenciaDTO(DependenciasService.guardar(req.content.decode(DependenciaInput.self), id: id, req.actor(), on: req.db))
    }

    @Sendable static func procesos(req: Request) async throws -> [ProcesoDTO] {
        let f = try req.query.decode(Filtro.self)
        return try await ProcesosService.listar(req.actor(), on: req.db, buscar: f.buscar, tipo: Campos.filtro("tipo", f.tipo)).map(ProcesoDTO.init)
    }
    @Sendable static func proceso(req: Request) async throws -> ProcesoDTO {
        try await ProcesoDTO(ProcesosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db))
    }
    @Sendable static func crearProceso(req: Request) async throws -> Response {
        let p = try await ProcesosService.guardar(req.content.decode(ProcesoInput.self), id: nil, req.actor(), on: req.db)
        return try await ProcesoDTO(p).encodeResponse(status: .created, for: req)
    }
    @Sendable static func actualizarProceso(req: Request) async throws -> ProcesoDTO {
        let id = try await ProcesosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db).id
        return try await ProcesoDTO(ProcesosService.guardar(req.content.decode(ProcesoInput.self), id: id, req.actor(), on: req.db))
    }

    @Sendable static func empleos(req: Request) async throws -> [EmpleoDTO] {
        let f = try req.query.decode(Filtro.self)
        return try await EmpleosService.listar(req.actor(), on: req.db, buscar: f.buscar, nivel: Campos.filtro("nivel", f.nivel)).map(EmpleoDTO.init)
    }
    @Sendable static func empleo(req: Request) async throws -> EmpleoDTO {
        try await EmpleoDTO(EmpleosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db))
    }
    @Sendable static func crearEmpleo(req: Request) async throws -> Response {
        let e = try await EmpleosService.guardar(req.content.decode(EmpleoInput.self), id: nil, req.actor(), on: req.db)
        return try await EmpleoDTO(e).encodeResponse(status: .created, for: req)
    }
    @Sendable static func actualizarEmpleo(req: Request) async throws -> EmpleoDTO {
        let id = try await EmpleosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db).id
        return try await EmpleoDTO(EmpleosService.guardar(req.content.decode(EmpleoInput.self), id: id, req.actor(), on: req.db))
    }
}

enum ServidoresAPI {
    static func register(_ r: any RoutesBuilder) {
        r.get("servidores", use: listar)
        r.post("servidores", use: crear)
        r.get("servidores", ":id", use: obtener)
        r.put("servidores", ":id", use: actualizar)
        r.get("servidores", ":id", "equipo", use: equipo)
        r.get("servidores", ":id", "situaciones", use: situaciones)
        r.post("servidores", ":id", "situaciones", use: registrarSituacion)
    }

    @Sendable static func listar(req: Request) async throws -> PaginaDTO<ServidorDTO> {
        let f = try req.query.decode(FiltroServidores.self)
        let r = try await ServidoresService.listar(req.actor(), f, on: req.db)
        return PaginaDTO(items: r.items.map(ServidorDTO.init), pagina: r.pagina, porPagina: r.porPagina, total: r.total)
    }
    @Sendable static func obtener(req: Request) async throws -> ServidorDTO {
        try await ServidorDTO(ServidoresService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db))
    }
    @Sendable static func crear(req: Request) async throws -> Response {
        let s = try await ServidoresService.guardar(req.content.decode(ServidorInput.self), id: nil, req.actor(), on: req.db)
        return try await ServidorDTO(s).encodeResponse(status: .created, for: req)
    }
    @Sendable static func actualizar(req: Request) async throws -> ServidorDTO {
        let actor = try req.actor()
        let id = try await ServidoresService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db).id
        return try await ServidorDTO(ServidoresService.guardar(req.content.decode(ServidorInput.self), id: id, actor, on: req.db))
    }
    @Sendable static func equipo(req: Request) async throws -> [ServidorDTO] {
        let actor = try req.actor()
        let s = try await ServidoresService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        return try await ServidoresService.equipo(de: s.id!, actor, on: req.db).map(ServidorDTO.init)
    }
    @Sendable static func situaciones(req: Request) async throws -> [SituacionDTO] {
        let s = try await ServidoresService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await SituacionesService.listar(servidor: s, on: req.db).map(SituacionDTO.init)
    }
    @Sendable static func registrarSituacion(req: Request) async throws -> Response {
        let r = try await SituacionesService.registrar(req.content.decode(SituacionInput.self),
                                                       servidorID: req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await SituacionDTO(r).encodeResponse(status: .created, for: req)
    }
}
