import Fluent
import Foundation
import PactaCore
import Vapor

enum UsuariosWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("usuarios", use: lista)
        r.get("usuarios", "nuevo", use: nuevo)
        r.post("usuarios", use: crear)
        r.get("usuarios", ":id", "editar", use: editar)
        r.post("usuarios", ":id", use: actualizar)
        r.post("entidades", use: crearEntidad)
    }

    struct Fila: Encodable { let id: UUID; let usuario: String; let nombre: String; let rol: String; let servidor: String; let estado: String }
    struct EntidadFila: Encodable { let nombre: String; let sigla: String }
    struct Lista: Encodable {
        let filas: [Fila]; let buscar: String; let esGlobal: Bool; let entidades: [EntidadFila]
        let erroresEntidad: [String: String]; let valoresEntidad: EntidadInput
    }

    static func renderLista(_ req: Request, erroresEntidad: [String: String] = [:], valoresEntidad: EntidadInput = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let buscar: String? = req.query["buscar"]
        let usuarios = try await UsuariosService.listar(actor, buscar: buscar, on: req.db)
        let ids = usuarios.compactMap { $0.$servidor.id }
        let servidores = Dictionary(uniqueKeysWithValues: try await Servidor.query(on: req.db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.nombreCompleto) })
        let filas = usuarios.map { u in
            Fila(id: u.id!, usuario: u.nombreUsuario, nombre: u.nombre, rol: u.rol.nombre, servidor: u.$servidor.id.flatMap { servidores[$0] } ?? "—",
                 estado: u.activo ? (u.debeCambiarContrasena ? "Activo (contraseña temporal)" : "Activo") : "Inactivo")
        }
        if let formato: String = req.query["formato"] {
            return try Exportar.respuesta(nombre: "usuarios", hoja: "Usuarios", encabezados: ["Usuario", "Nombre", "Rol", "Servidor vinculado", "Estado"],
                                          filas: filas.map { [.text($0.usuario), .text($0.nombre), .text($0.rol), .text($0.servidor), .text($0.estado)] },
                                          formato: formato)
        }
        let entidades = actor.esAdministradorGlobal ? try await UsuariosService.entidades(actor, on: req.db).map { EntidadFila(nombre: $0.nombre, sigla: $0.sigla) } : []
        return try await req.pagina("usuarios/lista", "Usuarios", Lista(filas: filas, buscar: buscar ?? "", esGlobal: actor.esAdministradorGlobal,
                                                                        entidades: entidades, erroresEntidad: erroresEntidad, valoresEntidad: valoresEntidad), status: status)
    }

    @Sendable static func lista(req: Request) async throws -> Response { try await renderLista(req) }

    struct Formulario: Encodable {
        let accion: String; let titulo: String; let valores: UsuarioInput; let errores: [String: String]; let roles: [Opcion]; let servidores: [Opcion]; let esEdicion: Bool
    }

    static func formulario(_ req: Request, id: UUID?, valores: UsuarioInput, errores: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.exigir(.gestionarUsuarios)
        let servidores = try await Servidor.query(on: req.db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).sort(\.$apellidos).all()
            .map { Opcion(valor: $0.id!.uuidString, texto: "\($0.apellidos), \($0.nombres) · \($0.documento)", elegida: $0.id!.uuidString == valores.servidorId) }
        return try await req.pagina("usuarios/form", id == nil ? "Nuevo usuario" : "Editar usuario", Formulario(
            accion: id.map { "/usuarios/\($0)" } ?? "/usuarios", titulo: id == nil ? "Nuevo usuario" : "Editar usuario", valores: valores, errores: errores,
            roles: Opciones.de(Rol.self, elegida: valores.rol) { $0.nombre }, servidores: servidores, esEdicion: id != nil), status: status)
    }

    @Sendable static func nuevo(req: Request) async throws -> Response { try await formulario(req, id: nil, valores: UsuarioInput(activo: "true"), errores: [:]) }

    @Sendable static func editar(req: Request) async throws -> Response {
        let u = try await UsuariosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await formulario(req, id: u.id, valores: UsuarioInput(nombreUsuario: u.nombreUsuario, nombre: u.nombre, rol: u.rol.rawValue,
                                                                         servidorId: u.$servidor.id?.uuidString, activo: u.activo ? "true" : "false"), errores: [:])
    }

    @Sendable static func crear(req: Request) async throws -> Response { try await guardar(req, id: nil) }
    @Sendable static func actualizar(req: Request) async throws -> Response {
        let u = try await UsuariosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await guardar(req, id: u.id)
    }

    static func guardar(_ req: Request, id: UUID?) async throws -> Response {
        let input = try req.content.decode(UsuarioInput.self)
        do {
            let u = try await UsuariosService.guardar(input, id: id, req.actor(), req: req)
            req.avisar("Usuario \(u.nombreUsuario) guardado.\(input.contrasena.flatMap(Campos.limpio) != nil ? " Deberá cambiar la contraseña al ingresar." : "")")
            return req.redirect(to: "/usuarios")
        } catch let e as PactaError where !e.campos.isEmpty {
            var valores = input
            valores.contrasena = nil
            return try await formulario(req, id: id, valores: valores, errores: e.campos, status: .unprocessableEntity)
        }
    }

    @Sendable static func crearEntidad(req: Request) async throws -> Response {
        var input = try req.content.decode(EntidadInput.self)
        do {
            let e = try await UsuariosService.crearEntidad(input, req.actor(), req: req)
            req.avisar("Entidad \(e.nombre) creada con su administrador.")
            return req.redirect(to: "/usuarios")
        } catch let e as PactaError where !e.campos.isEmpty {
            input.adminContrasena = nil
            return try await renderLista(req, erroresEntidad: e.campos, valoresEntidad: input, status: .unprocessableEntity)
        }
    }
}
