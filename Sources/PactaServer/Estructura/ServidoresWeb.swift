import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Vapor

/// Pages for servants: list (search, filters, pages, export), detail with situaciones, create, edit.
enum ServidoresWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("servidores", use: lista)
        r.get("servidores", "nuevo", use: nuevo)
        r.post("servidores", use: crear)
        r.get("servidores", ":id", use: detalle)
        r.get("servidores", ":id", "editar", use: editar)
        r.post("servidores", ":id", use: actualizar)
        r.post("servidores", ":id", "situaciones", use: registrarSituacion)
    }

    struct Fila: Encodable {
        let id: UUID; let documento: String; let nombre: String; let vinculacion: String; let empleo: String; let nivel: String
        let dependencia: String; let jefe: String; let posesion: String; let estado: String
    }

    static func fila(_ s: Servidor) -> Fila {
        Fila(id: s.id!, documento: s.documento, nombre: "\(s.apellidos), \(s.nombres)", vinculacion: s.tipoVinculacion.nombre,
             empleo: s.empleo?.titulo ?? "—", nivel: s.empleo?.nivel.nombre ?? "—", dependencia: s.dependencia?.nombre ?? "—",
             jefe: s.jefe?.nombreCompleto ?? "—", posesion: s.posesion?.texto ?? "—", estado: s.activo ? "Activo" : "Retirado")
    }

    struct Lista: Encodable {
        let filas: [Fila]; let total: Int; let pagina: Int; let paginas: Int; let anterior: Int?; let siguiente: Int?
        let filtro: FiltroServidores; let dependencias: [Opcion]; let vinculaciones: [Opcion]; let niveles: [Opcion]; let estados: [Opcion]
        let incompletos: [Opcion]
        let puedeCrear: Bool; let consulta: String; let titulo: String
    }

    @Sendable static func lista(req: Request) async throws -> Response {
        let actor = try req.actor()
        struct Q: Content { var formato: String? }
        let f = try req.query.decode(FiltroServidores.self)
        if let formato = try req.query.decode(Q.self).formato {
            let todos = try await ServidoresService.todos(actor, f, on: req.db)
            return try Exportar.respuesta(
                nombre: "servidores", hoja: "Servidores",
                encabezados: ["Documento", "Apellidos", "Nombres", "Correo", "Tipo de vinculación", "Fecha de posesión", "Denominación", "Código", "Grado",
                              "Nivel jerárquico", "Dependencia", "Jefe inmediato", "Estado"],
                filas: todos.map { s in
                    [.text(s.documento), .text(s.apellidos), .text(s.nombres), .text(s.correo ?? ""), .text(s.tipoVinculacion.nombre),
                     s.posesion.map { .date(year: $0.anio, month: $0.mes, day: $0.dia) } ?? .empty,
                     .text(s.empleo?.denominacion ?? ""), .text(s.empleo?.codigo ?? ""), .text(s.empleo?.grado ?? ""), .text(s.empleo?.nivel.nombre ?? ""),
                     .text(s.dependencia?.nombre ?? ""), .text(s.jefe?.nombreCompleto ?? ""), .text(s.activo ? "Activo" : "Retirado")]
                }, formato: formato)
        }
        let r = try await ServidoresService.listar(actor, f, on: req.db)
        let paginas = max(1, (r.total + r.porPagina - 1) / r.porPagina)
        let deps = actor.puede(.verEstructura) ? try await DependenciasService.listar(actor, on: req.db) : []
        let estados = [("activos", "Activos"), ("retirados", "Retirados"), ("todos", "Todos")]
            .map { Opcion(valor: $0.0, texto: $0.1, elegida: ($0.0 == (f.estado ?? "activos"))) }
        return try await req.pagina("servidores/lista", actor.puede(.verTodosLosServidores) ? "Servidores" : "Mi equipo", Lista(
            filas: r.items.map(fila), total: r.total, pagina: r.pagina, paginas: paginas,
            anterior: r.pagina > 1 ? r.pagina - 1 : nil, siguiente: r.pagina < paginas ? r.pagina + 1 : nil, filtro: f,
            dependencias: deps.map { Opcion(valor: $0.id!.uuidString, texto: $0.nombre, elegida: $0.id!.uuidString == f.dependenciaId) },
            vinculaciones: Opciones.de(TipoVinculacion.self, elegida: f.vinculacion) { $0.nombre },
            niveles: Opciones.de(NivelJerarquico.self, elegida: f.nivel) { $0.nombre }, estados: estados,
            incompletos: [("sin_jefe", "Sin jefe inmediato"), ("sin_empleo", "Sin empleo")].map { Opcion(valor: $0.0, texto: $0.1, elegida: $0.0 == f.incompletos) },
            puedeCrear: actor.puede(.gestionarServidores), consulta: Paginacion.consulta(req),
            titulo: actor.puede(.verTodosLosServidores) ? "Servidores" : "Mi equipo"))
    }

    struct Situacion: Encodable { let tipo: String; let desde: String; let hasta: String; let detalle: String; let observacion: String }

    struct Detalle: Encodable {
        let s: Fila; let correo: String; let tipoDocumento: String; let instrumento: String; let equipo: [Fila]; let situaciones: [Situacion]
        /// Shown for a período de prueba: whether a No satisfactoria returns them to a carrera post.
        let derechosDeCarrera: String?
        let puedeEditar: Bool; let puedeRegistrar: Bool; let tipos: [Opcion]; let dependencias: [Opcion]; let jefes: [Opcion]
        let errores: [String: String]; let valores: SituacionInput
    }

    static func detalle(_ req: Request, id: UUID?, valores: SituacionInput = SituacionInput(), errores: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let s = try await ServidoresService.obtener(id, actor, on: req.db)
        let equipo = try await ServidoresService.equipo(de: s.id!, actor, on: req.db)
        let situaciones = try await SituacionesService.listar(servidor: s, on: req.db).map { r in
            var detalle: [String] = []
            if let d = r.dependenciaNueva { detalle.append("Nueva dependencia: \(d.nombre)") }
            if let j = r.jefeNuevo { detalle.append("Nuevo jefe: \(j.nombreCompleto)") }
            if let a = r.jefeAnterior, r.jefeNuevo != nil { detalle.append("Jefe anterior: \(a.nombreCompleto)") }
            return Situacion(tipo: r.tipo.nombre, desde: Fecha(iso: r.fechaInicio)?.texto ?? r.fechaInicio,
                             hasta: r.fechaFin.flatMap(Fecha.init(iso:))?.texto ?? "—", detalle: detalle.joined(separator: " · "), observacion: r.observacion)
        }
        let puedeRegistrar = actor.puede(.registrarSituaciones) && s.activo
        var deps: [Opcion] = [], jefes: [Opcion] = []
        if puedeRegistrar {
            deps = try await DependenciasService.listar(actor, on: req.db).map { Opcion(valor: $0.id!.uuidString, texto: $0.nombre, elegida: $0.id!.uuidString == valores.dependenciaId) }
            jefes = try await Servidor.query(on: req.db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).filter(\.$id != s.id!)
                .sort(\.$apellidos).all().map { Opcion(valor: $0.id!.uuidString, texto: "\($0.apellidos), \($0.nombres)", elegida: $0.id!.uuidString == valores.jefeId) }
        }
        return try await req.pagina("servidores/detalle", s.nombreCompleto, Detalle(
            s: fila(s), correo: s.correo ?? "—", tipoDocumento: s.tipoDocumento.nombre, instrumento: s.tipoVinculacion.instrumento.nombre,
            equipo: equipo.map(fila), situaciones: situaciones,
            derechosDeCarrera: s.tipoVinculacion == .periodoDePrueba ? (s.derechosDeCarrera == true ? "Sí (ascenso)" : "No") : nil, puedeEditar: actor.puede(.gestionarServidores), puedeRegistrar: puedeRegistrar,
            tipos: Opciones.de(TipoSituacion.self, elegida: valores.tipo) { $0.nombre }, dependencias: deps, jefes: jefes, errores: errores, valores: valores),
            status: status)
    }

    @Sendable static func detalle(req: Request) async throws -> Response {
        try await detalle(req, id: req.parameters.get("id", as: UUID.self))
    }

    @Sendable static func registrarSituacion(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(SituacionInput.self)
        do {
            let r = try await SituacionesService.registrar(input, servidorID: id, req.actor(), on: req.db)
            req.avisar("Se registró la situación «\(r.tipo.nombre)» desde el \(Fecha(iso: r.fechaInicio)?.texto ?? r.fechaInicio).")
            return req.redirect(to: "/servidores/\(id!.uuidString)")
        } catch let e as PactaError where !e.campos.isEmpty {
            return try await detalle(req, id: id, valores: input, errores: e.campos, status: .unprocessableEntity)
        }
    }

    struct Formulario: Encodable {
        let accion: String; let titulo: String; let valores: ServidorInput; let errores: [String: String]
        let tiposDocumento: [Opcion]; let vinculaciones: [Opcion]; let empleos: [Opcion]; let dependencias: [Opcion]; let jefes: [Opcion]; let esEdicion: Bool
    }

    static func formulario(_ req: Request, id: UUID?, valores: ServidorInput, errores: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.exigir(.gestionarServidores)
        let empleos = try await EmpleosService.listar(actor, on: req.db).map { Opcion(valor: $0.id!.uuidString, texto: "\($0.titulo) (\($0.nivel.nombre))", elegida: $0.id!.uuidString == valores.empleoId) }
        let deps = try await DependenciasService.listar(actor, on: req.db).map { Opcion(valor: $0.id!.uuidString, texto: "\($0.codigo) · \($0.nombre)", elegida: $0.id!.uuidString == valores.dependenciaId) }
        let jefes = try await Servidor.query(on: req.db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).sort(\.$apellidos).all()
            .filter { $0.id != id }.map { Opcion(valor: $0.id!.uuidString, texto: "\($0.apellidos), \($0.nombres)", elegida: $0.id!.uuidString == valores.jefeId) }
        return try await req.pagina("servidores/form", id == nil ? "Nuevo servidor" : "Editar servidor", Formulario(
            accion: id.map { "/servidores/\($0)" } ?? "/servidores", titulo: id == nil ? "Nuevo servidor" : "Editar servidor",
            valores: valores, errores: errores,
            tiposDocumento: Opciones.de(TipoDocumento.self, elegida: valores.tipoDocumento ?? "cc") { $0.nombre },
            vinculaciones: Opciones.de(TipoVinculacion.self, elegida: valores.tipoVinculacion) { $0.nombre },
            empleos: empleos, dependencias: deps, jefes: jefes, esEdicion: id != nil), status: status)
    }

    @Sendable static func nuevo(req: Request) async throws -> Response { try await formulario(req, id: nil, valores: ServidorInput(), errores: [:]) }

    @Sendable static func editar(req: Request) async throws -> Response {
        let s = try await ServidoresService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await formulario(req, id: s.id, valores: ServidorInput(
            documento: s.documento, tipoDocumento: s.tipoDocumento.rawValue, nombres: s.nombres, apellidos: s.apellidos, correo: s.correo,
            tipoVinculacion: s.tipoVinculacion.rawValue, fechaPosesion: s.posesion?.texto, empleoId: s.$empleo.id?.uuidString,
            dependenciaId: s.$dependencia.id?.uuidString, jefeId: s.$jefe.id?.uuidString, activo: s.activo ? "true" : "false",
            derechosDeCarrera: s.derechosDeCarrera == true ? "si" : "no"), errores: [:])
    }

    @Sendable static func crear(req: Request) async throws -> Response { try await guardar(req, id: nil) }

    @Sendable static func actualizar(req: Request) async throws -> Response {
        let s = try await ServidoresService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await guardar(req, id: s.id)
    }

    static func guardar(_ req: Request, id: UUID?) async throws -> Response {
        let input = try req.content.decode(ServidorInput.self)
        do {
            let s = try await ServidoresService.guardar(input, id: id, req.actor(), on: req.db)
            req.avisar("Datos de \(s.nombreCompleto) guardados.")
            return req.redirect(to: "/servidores/\(s.id!.uuidString)")
        } catch let e as PactaError where !e.campos.isEmpty {
            return try await formulario(req, id: id, valores: input, errores: e.campos, status: .unprocessableEntity)
        }
    }
}
