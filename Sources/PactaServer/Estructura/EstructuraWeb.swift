import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Vapor

/// Pages for dependencias, procesos and empleos: list with search, filter and export; create; edit.
enum EstructuraWeb {
    static func register(_ r: any RoutesBuilder) {
        let e = r.grouped("estructura")
        e.get("dependencias", use: dependencias)
        e.get("dependencias", "nueva", use: nuevaDependencia)
        e.get("dependencias", ":id", use: detalleDependencia)
        e.post("dependencias", use: crearDependencia)
        e.get("dependencias", ":id", "editar", use: editarDependencia)
        e.post("dependencias", ":id", use: actualizarDependencia)
        e.get("procesos", use: procesos)
        e.get("procesos", "nuevo", use: nuevoProceso)
        e.post("procesos", use: crearProceso)
        e.get("procesos", ":id", "editar", use: editarProceso)
        e.post("procesos", ":id", use: actualizarProceso)
        e.get("empleos", use: empleos)
        e.get("empleos", "nuevo", use: nuevoEmpleo)
        e.post("empleos", use: crearEmpleo)
        e.get("empleos", ":id", "editar", use: editarEmpleo)
        e.post("empleos", ":id", use: actualizarEmpleo)
    }

    struct Filtro: Content { var buscar: String?; var tipo: String?; var nivel: String?; var formato: String? }

    // MARK: dependencias

    struct FilaDependencia: Encodable {
        let id: UUID; let codigo: String; let nombre: String; let tipo: String; let padre: String; let activa: String; let servidores: Int; let nivel: Int
    }
    struct ListaDependencias: Encodable { let filas: [FilaDependencia]; let buscar: String; let tipos: [Opcion]; let puedeEditar: Bool; let consulta: String }

    @Sendable static func dependencias(req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try req.query.decode(Filtro.self)
        let lista = try await DependenciasService.listar(actor, on: req.db, buscar: f.buscar, tipo: Campos.filtro("tipo", f.tipo))
        let todas = try await DependenciasService.listar(actor, on: req.db)
        let nombres = Dictionary(uniqueKeysWithValues: todas.map { ($0.id!, "\($0.codigo) · \($0.nombre)") })
        var conteo: [UUID: Int] = [:]
        for s in try await Servidor.query(on: req.db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).field(\.$dependencia.$id).all() {
            if let d = s.$dependencia.id { conteo[d, default: 0] += 1 }
        }
        // The organigrama's order: each dependencia followed by those under it.
        let visibles = Set(lista.map { $0.id! })
        let porID = Dictionary(uniqueKeysWithValues: todas.map { ($0.id!, $0) })
        let orden = Arbol.recorrido(todas.map { Arbol.Nodo(id: $0.id!, padre: $0.$padre.id, orden: $0.codigo) })
        let filas = orden.filter { visibles.contains($0.id) }.compactMap { p -> FilaDependencia? in
            guard let d = porID[p.id] else { return nil }
            return FilaDependencia(id: d.id!, codigo: d.codigo, nombre: d.nombre, tipo: d.tipo.nombre, padre: d.$padre.id.flatMap { nombres[$0] } ?? "—",
                                   activa: d.activa ? "Sí" : "No", servidores: conteo[d.id!] ?? 0, nivel: min(p.nivel, 6))
        }
        if let formato = f.formato {
            return try Exportar.respuesta(nombre: "dependencias", hoja: "Dependencias",
                                          encabezados: ["Código", "Nombre", "Tipo", "Dependencia superior", "Activa", "Servidores activos"],
                                          filas: filas.map { [.text($0.codigo), .text($0.nombre), .text($0.tipo), .text($0.padre), .text($0.activa), .number(Double($0.servidores))] },
                                          formato: formato)
        }
        return try await req.pagina("estructura/dependencias", "Dependencias",
                                    ListaDependencias(filas: filas, buscar: f.buscar ?? "", tipos: Opciones.de(TipoDependencia.self, elegida: f.tipo) { $0.nombre },
                                                      puedeEditar: actor.puede(.gestionarEstructura), consulta: Paginacion.consulta(req)))
    }

    struct DetalleDependencia: Encodable {
        let id: UUID; let codigo: String; let nombre: String; let tipo: String; let activa: String
        let ruta: [Enlace]; let subordinadas: [Enlace]; let procesos: [String]; let servidores: [ServidoresWeb.Fila]; let totalServidores: Int
        let puedeEditar: Bool
    }
    struct Enlace: Encodable { let id: UUID; let texto: String }

    @Sendable static func detalleDependencia(req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await DependenciasService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        let todas = try await DependenciasService.listar(actor, on: req.db)
        let porID = Dictionary(uniqueKeysWithValues: todas.map { ($0.id!, $0) })
        let padres = Dictionary(uniqueKeysWithValues: todas.compactMap { x in x.$padre.id.map { (x.id!, $0) } })
        let ruta = Arbol.ruta(hasta: d.id!, padres: padres).dropLast().compactMap { porID[$0] }.map { Enlace(id: $0.id!, texto: $0.nombre) }
        let subordinadas = todas.filter { $0.$padre.id == d.id }.map { Enlace(id: $0.id!, texto: "\($0.codigo) · \($0.nombre)") }
        let procesos = try await Proceso.query(on: req.db).filter(\.$entidad.$id == actor.entidadID).filter(\.$dependenciaLider.$id == d.id!)
            .sort(\.$codigo).all().map { "\($0.codigo) · \($0.nombre)" }
        // Only the servants this actor may see.
        let filtro = FiltroServidores(dependenciaId: d.id!.uuidString, porPagina: 200)
        let r = try await ServidoresService.listar(actor, filtro, on: req.db)
        return try await req.pagina("estructura/dependencia", d.nombre, DetalleDependencia(
            id: d.id!, codigo: d.codigo, nombre: d.nombre, tipo: d.tipo.nombre, activa: d.activa ? "Sí" : "No", ruta: ruta,
            subordinadas: subordinadas, procesos: procesos, servidores: r.items.map(ServidoresWeb.fila), totalServidores: r.total,
            puedeEditar: actor.puede(.gestionarEstructura)))
    }

    struct FormDependencia: Encodable {
        let accion: String; let titulo: String; let valores: DependenciaInput; let errores: [String: String]; let tipos: [Opcion]; let padres: [Opcion]
    }

    static func formDependencia(_ req: Request, id: UUID?, valores: DependenciaInput, errores: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.exigir(.gestionarEstructura)
        let padres = try await DependenciasService.listar(actor, on: req.db).filter { $0.id != id }
            .map { Opcion(valor: $0.id!.uuidString, texto: "\($0.codigo) · \($0.nombre)", elegida: $0.id!.uuidString == valores.padreId) }
        return try await req.pagina("estructura/dependencia-form", id == nil ? "Nueva dependencia" : "Editar dependencia",
                                    FormDependencia(accion: id.map { "/estructura/dependencias/\($0)" } ?? "/estructura/dependencias",
                                                    titulo: id == nil ? "Nueva dependencia" : "Editar dependencia", valores: valores, errores: errores,
                                                    tipos: Opciones.de(TipoDependencia.self, elegida: valores.tipo) { $0.nombre }, padres: padres),
                                    status: status)
    }

    @Sendable static func nuevaDependencia(req: Request) async throws -> Response {
        try await formDependencia(req, id: nil, valores: DependenciaInput(activa: "true"), errores: [:])
    }

    @Sendable static func editarDependencia(req: Request) async throws -> Response {
        let d = try await DependenciasService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await formDependencia(req, id: d.id, valores: DependenciaInput(codigo: d.codigo, nombre: d.nombre, tipo: d.tipo.rawValue,
                                                                                   padreId: d.$padre.id?.uuidString, activa: d.activa ? "true" : "false"), errores: [:])
    }

    @Sendable static func crearDependencia(req: Request) async throws -> Response { try await guardarDependencia(req, id: nil) }
    @Sendable static func actualizarDependencia(req: Request) async throws -> Response {
        let d = try await DependenciasService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await guardarDependencia(req, id: d.id)
    }

    static func guardarDependencia(_ req: Request, id: UUID?) async throws -> Response {
        let input = try req.content.decode(DependenciaInput.self)
        do {
            let d = try await DependenciasService.guardar(input, id: id, req.actor(), on: req.db)
            req.avisar("Dependencia \(d.codigo) guardada.")
            return req.redirect(to: "/estructura/dependencias")
        } catch let e as PactaError where !e.campos.isEmpty {
            return try await formDependencia(req, id: id, valores: input, errores: e.campos, status: .unprocessableEntity)
        }
    }

    // MARK: procesos

    struct FilaProceso: Encodable { let id: UUID; let codigo: String; let nombre: String; let tipo: String; let lider: String }
    struct ListaProcesos: Encodable { let filas: [FilaProceso]; let buscar: String; let tipos: [Opcion]; let puedeEditar: Bool; let consulta: String }

    @Sendable static func procesos(req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try req.query.decode(Filtro.self)
        let lista = try await ProcesosService.listar(actor, on: req.db, buscar: f.buscar, tipo: Campos.filtro("tipo", f.tipo))
        let nombres = Dictionary(uniqueKeysWithValues: try await DependenciasService.listar(actor, on: req.db).map { ($0.id!, $0.nombre) })
        let filas = lista.map { FilaProceso(id: $0.id!, codigo: $0.codigo, nombre: $0.nombre, tipo: $0.tipo.nombre, lider: $0.$dependenciaLider.id.flatMap { nombres[$0] } ?? "—") }
        if let formato = f.formato {
            return try Exportar.respuesta(nombre: "procesos", hoja: "Procesos", encabezados: ["Código", "Nombre", "Tipo", "Dependencia líder"],
                                          filas: filas.map { [.text($0.codigo), .text($0.nombre), .text($0.tipo), .text($0.lider)] }, formato: formato)
        }
        return try await req.pagina("estructura/procesos", "Procesos",
                                    ListaProcesos(filas: filas, buscar: f.buscar ?? "", tipos: Opciones.de(TipoProceso.self, elegida: f.tipo) { $0.nombre },
                                                  puedeEditar: actor.puede(.gestionarEstructura), consulta: Paginacion.consulta(req)))
    }

    struct FormProceso: Encodable {
        let accion: String; let titulo: String; let valores: ProcesoInput; let errores: [String: String]; let tipos: [Opcion]; let dependencias: [Opcion]
    }

    static func formProceso(_ req: Request, id: UUID?, valores: ProcesoInput, errores: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.exigir(.gestionarEstructura)
        let deps = try await DependenciasService.listar(actor, on: req.db)
            .map { Opcion(valor: $0.id!.uuidString, texto: "\($0.codigo) · \($0.nombre)", elegida: $0.id!.uuidString == valores.dependenciaLiderId) }
        return try await req.pagina("estructura/proceso-form", id == nil ? "Nuevo proceso" : "Editar proceso",
                                    FormProceso(accion: id.map { "/estructura/procesos/\($0)" } ?? "/estructura/procesos",
                                                titulo: id == nil ? "Nuevo proceso" : "Editar proceso", valores: valores, errores: errores,
                                                tipos: Opciones.de(TipoProceso.self, elegida: valores.tipo) { $0.nombre }, dependencias: deps), status: status)
    }

    @Sendable static func nuevoProceso(req: Request) async throws -> Response { try await formProceso(req, id: nil, valores: ProcesoInput(), errores: [:]) }
    @Sendable static func editarProceso(req: Request) async throws -> Response {
        let p = try await ProcesosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await formProceso(req, id: p.id, valores: ProcesoInput(codigo: p.codigo, nombre: p.nombre, tipo: p.tipo.rawValue,
                                                                          dependenciaLiderId: p.$dependenciaLider.id?.uuidString), errores: [:])
    }
    @Sendable static func crearProceso(req: Request) async throws -> Response { try await guardarProceso(req, id: nil) }
    @Sendable static func actualizarProceso(req: Request) async throws -> Response {
        let p = try await ProcesosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await guardarProceso(req, id: p.id)
    }

    static func guardarProceso(_ req: Request, id: UUID?) async throws -> Response {
        let input = try req.content.decode(ProcesoInput.self)
        do {
            let p = try await ProcesosService.guardar(input, id: id, req.actor(), on: req.db)
            req.avisar("Proceso \(p.codigo) guardado.")
            return req.redirect(to: "/estructura/procesos")
        } catch let e as PactaError where !e.campos.isEmpty {
            return try await formProceso(req, id: id, valores: input, errores: e.campos, status: .unprocessableEntity)
        }
    }

    // MARK: empleos

    struct FilaEmpleo: Encodable { let id: UUID; let denominacion: String; let codigo: String; let grado: String; let nivel: String }
    struct ListaEmpleos: Encodable { let filas: [FilaEmpleo]; let buscar: String; let niveles: [Opcion]; let puedeEditar: Bool; let consulta: String }

    @Sendable static func empleos(req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try req.query.decode(Filtro.self)
        let lista = try await EmpleosService.listar(actor, on: req.db, buscar: f.buscar, nivel: Campos.filtro("nivel", f.nivel))
        let filas = lista.map { FilaEmpleo(id: $0.id!, denominacion: $0.denominacion, codigo: $0.codigo, grado: $0.grado, nivel: $0.nivel.nombre) }
        if let formato = f.formato {
            return try Exportar.respuesta(nombre: "empleos", hoja: "Empleos", encabezados: ["Denominación", "Código", "Grado", "Nivel jerárquico"],
                                          filas: filas.map { [.text($0.denominacion), .text($0.codigo), .text($0.grado), .text($0.nivel)] }, formato: formato)
        }
        return try await req.pagina("estructura/empleos", "Empleos",
                                    ListaEmpleos(filas: filas, buscar: f.buscar ?? "", niveles: Opciones.de(NivelJerarquico.self, elegida: f.nivel) { $0.nombre },
                                                 puedeEditar: actor.puede(.gestionarEstructura), consulta: Paginacion.consulta(req)))
    }

    struct FormEmpleo: Encodable { let accion: String; let titulo: String; let valores: EmpleoInput; let errores: [String: String]; let niveles: [Opcion] }

    static func formEmpleo(_ req: Request, id: UUID?, valores: EmpleoInput, errores: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        try req.actor().exigir(.gestionarEstructura)
        return try await req.pagina("estructura/empleo-form", id == nil ? "Nuevo empleo" : "Editar empleo",
                                    FormEmpleo(accion: id.map { "/estructura/empleos/\($0)" } ?? "/estructura/empleos",
                                               titulo: id == nil ? "Nuevo empleo" : "Editar empleo", valores: valores, errores: errores,
                                               niveles: Opciones.de(NivelJerarquico.self, elegida: valores.nivel) { $0.nombre }), status: status)
    }

    @Sendable static func nuevoEmpleo(req: Request) async throws -> Response { try await formEmpleo(req, id: nil, valores: EmpleoInput(), errores: [:]) }
    @Sendable static func editarEmpleo(req: Request) async throws -> Response {
        let e = try await EmpleosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await formEmpleo(req, id: e.id, valores: EmpleoInput(denominacion: e.denominacion, codigo: e.codigo, grado: e.grado, nivel: e.nivel.rawValue), errores: [:])
    }
    @Sendable static func crearEmpleo(req: Request) async throws -> Response { try await guardarEmpleo(req, id: nil) }
    @Sendable static func actualizarEmpleo(req: Request) async throws -> Response {
        let e = try await EmpleosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await guardarEmpleo(req, id: e.id)
    }

    static func guardarEmpleo(_ req: Request, id: UUID?) async throws -> Response {
        let input = try req.content.decode(EmpleoInput.self)
        do {
            let e = try await EmpleosService.guardar(input, id: id, req.actor(), on: req.db)
            req.avisar("Empleo \(e.titulo) guardado.")
            return req.redirect(to: "/estructura/empleos")
        } catch let e as PactaError where !e.campos.isEmpty {
            return try await formEmpleo(req, id: id, valores: input, errores: e.campos, status: .unprocessableEntity)
        }
    }
}
