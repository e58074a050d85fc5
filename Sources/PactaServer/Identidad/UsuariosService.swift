import Fluent
import Foundation
import PactaCore
import Vapor

struct UsuarioInput: Content {
    var nombreUsuario: String?
    var nombre: String?
    var rol: String?
    var servidorId: String?
    var contrasena: String?
    var activo: String?
}

struct EntidadInput: Content {
    var nombre: String?
    var sigla: String?
    var nit: String?
    var adminUsuario: String?
    var adminNombre: String?
    var adminContrasena: String?
}

/// Accounts of the actor's entity (administrador only), and new entities (administrador global).
enum UsuariosService {
    static func listar(_ actor: Actor, buscar: String?, on db: any Database) async throws -> [Usuario] {
        try actor.exigir(.gestionarUsuarios)
        return try await Usuario.query(on: db).filter(\.$entidad.$id == actor.entidadID).sort(\.$nombre).all()
            .filter { Busqueda.coincide(buscar, $0.nombre, $0.nombreUsuario, $0.rol.nombre) }
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Usuario {
        try actor.exigir(.gestionarUsuarios)
        guard let id, let u = try await Usuario.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("El usuario")
        }
        return u
    }

    static func guardar(_ input: UsuarioInput, id: UUID?, _ actor: Actor, req: Request) async throws -> Usuario {
        try actor.exigir(.gestionarUsuarios)
        var c = Campos()
        let nombreUsuario = c.texto("nombreUsuario", input.nombreUsuario, etiqueta: "El usuario", max: 100).lowercased()
        if !nombreUsuario.isEmpty && !nombreUsuario.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) {
            c.falla("nombreUsuario", "El usuario solo admite letras, números y . _ - @")
        }
        let nombre = c.texto("nombre", input.nombre, etiqueta: "El nombre", max: 150)
        let rol: Rol? = c.catalogo("rol", input.rol, etiqueta: "El rol", nombre: { $0.nombre })
        let servidorID = c.uuid("servidorId", input.servidorId, etiqueta: "Servidor")
        let contrasena = Campos.limpio(input.contrasena)
        if id == nil && contrasena == nil { c.falla("contrasena", "Asigne una contraseña inicial.") }
        if let contrasena, let e = PoliticaDeAcceso.validarNuevaContrasena(contrasena, confirmacion: contrasena)["nueva"] { c.falla("contrasena", e) }
        let activo = c.booleano(input.activo, defecto: true)
        if id == actor.usuarioID && (!activo || rol != .administrador) {
            c.falla("rol", "No puede quitarse a sí mismo el rol de administrador ni desactivar su propia cuenta.")
        }
        if rol == .servidor && servidorID == nil { c.falla("servidorId", "Una cuenta de servidor público debe estar vinculada a su registro de servidor.") }
        try c.lanzarSiHayErrores()
        let hash = try await contrasena.asyncMap { try await req.contrasenas.hash($0) }
        return try await req.db.escribir { db in
            let existente: Usuario? = if let id { try await obtener(id, actor, on: db) } else { nil }
            if let existente, existente.esAdministradorGlobal, !actor.esAdministradorGlobal {
                throw PactaError.prohibido("Solo el administrador de la instalación puede modificar su propia cuenta.")
            }
            if try await Usuario.query(on: db).filter(\.$nombreUsuario == nombreUsuario).filter(\.$id != (id ?? UUID())).count() > 0 {
                throw PactaError.validacion(["nombreUsuario": "El usuario «\(nombreUsuario)» ya existe."])
            }
            if let servidorID {
                guard try await Servidor.query(on: db).filter(\.$id == servidorID).filter(\.$entidad.$id == actor.entidadID).count() > 0 else {
                    throw PactaError.validacion(["servidorId": "El servidor no existe en la entidad."])
                }
                if try await Usuario.query(on: db).filter(\.$servidor.$id == servidorID).filter(\.$id != (id ?? UUID())).count() > 0 {
                    throw PactaError.validacion(["servidorId": "Ese servidor ya tiene una cuenta."])
                }
            }
            let antes = existente.map(UsuarioDTO.init)
            let u = existente ?? Usuario(entidadID: actor.entidadID, nombreUsuario: nombreUsuario, nombre: nombre, passwordHash: hash ?? "", rol: rol!)
            u.nombreUsuario = nombreUsuario
            u.nombre = nombre
            u.rol = rol!
            u.$servidor.id = servidorID
            u.activo = activo
            if let hash {
                u.passwordHash = hash
                u.debeCambiarContrasena = true
            }
            try await u.save(on: db)
            // A new password or a deactivated account ends every API token of that account.
            if let id = u.id, existente != nil, hash != nil || !activo {
                try await ApiToken.query(on: db).filter(\.$usuario.$id == id).delete()
            }
            try await AuditLog.registrar(on: db, actor: actor, accion: existente == nil ? "crear" : (hash != nil ? "modificar y asignar contraseña" : "modificar"),
                                         tipo: "usuario", id: u.id!.uuidString, antes: antes, despues: UsuarioDTO(u))
            return u
        }
    }

    static func cambiarContrasena(_ usuario: Usuario, actual: String, nueva: String, confirmacion: String, req: Request) async throws {
        var errores = PoliticaDeAcceso.validarNuevaContrasena(nueva, confirmacion: confirmacion, actual: actual)
        if !(try await req.contrasenas.verify(actual, created: usuario.passwordHash)) {
            errores["actual"] = "La contraseña actual no es correcta."
        }
        if !errores.isEmpty { throw PactaError.validacion(errores) }
        let hash = try await req.contrasenas.hash(nueva)
        let actor = try Actor(usuario)
        try await req.db.escribir { db in
            usuario.passwordHash = hash
            usuario.debeCambiarContrasena = false
            try await usuario.save(on: db)
            try await ApiToken.query(on: db).filter(\.$usuario.$id == usuario.id!).delete()
            try await AuditLog.registrar(on: db, actor: actor, accion: "cambiar contraseña", tipo: "usuario", id: usuario.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: Optional<Nada>.none)
        }
    }

    static func entidades(_ actor: Actor, on db: any Database) async throws -> [Entidad] {
        guard actor.esAdministradorGlobal else {
            return try await Entidad.query(on: db).filter(\.$id == actor.entidadID).all()
        }
        return try await Entidad.query(on: db).sort(\.$nombre).all()
    }

    static func crearEntidad(_ input: EntidadInput, _ actor: Actor, req: Request) async throws -> Entidad {
        guard actor.esAdministradorGlobal else { throw PactaError.prohibido("Solo el administrador de la instalación crea entidades.") }
        var c = Campos()
        let nombre = c.texto("nombre", input.nombre, etiqueta: "El nombre", max: 200)
        let sigla = c.texto("sigla", input.sigla, etiqueta: "La sigla", max: 30)
        let nit = c.opcional("nit", input.nit, etiqueta: "El NIT", max: 20)
        let adminUsuario = c.texto("adminUsuario", input.adminUsuario, etiqueta: "El usuario administrador", max: 100).lowercased()
        let adminNombre = c.texto("adminNombre", input.adminNombre, etiqueta: "El nombre del administrador", max: 150)
        let clave = c.texto("adminContrasena", input.adminContrasena, etiqueta: "La contraseña inicial", max: 200)
        if let e = PoliticaDeAcceso.validarNuevaContrasena(clave, confirmacion: clave)["nueva"] { c.falla("adminContrasena", e) }
        try c.lanzarSiHayErrores()
        let hash = try await req.contrasenas.hash(clave)
        return try await req.db.escribir { db in
            if try await Usuario.query(on: db).filter(\.$nombreUsuario == adminUsuario).count() > 0 {
                throw PactaError.validacion(["adminUsuario": "El usuario «\(adminUsuario)» ya existe."])
            }
            let e = Entidad(nombre: nombre, sigla: sigla, nit: nit)
            try await e.create(on: db)
            let u = Usuario(entidadID: e.id!, nombreUsuario: adminUsuario, nombre: adminNombre, passwordHash: hash, rol: .administrador, debeCambiarContrasena: true)
            try await u.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "crear", tipo: "entidad", id: e.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: EntidadDTO(e), entidadID: e.id)
            try await AuditLog.registrar(on: db, actor: actor, accion: "crear", tipo: "usuario", id: u.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: UsuarioDTO(u), entidadID: e.id)
            return e
        }
    }
}

extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}

enum UsuariosAPI {
    static func register(_ r: any RoutesBuilder) {
        r.get("usuarios", use: listar)
        r.post("usuarios", use: crear)
        r.get("usuarios", ":id", use: obtener)
        r.put("usuarios", ":id", use: actualizar)
        r.get("entidades", use: entidades)
        r.post("entidades", use: crearEntidad)
    }

    @Sendable static func listar(req: Request) async throws -> [UsuarioDTO] {
        try await UsuariosService.listar(req.actor(), buscar: req.query["buscar"], on: req.db).map(UsuarioDTO.init)
    }
    @Sendable static func obtener(req: Request) async throws -> UsuarioDTO {
        try await UsuarioDTO(UsuariosService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db))
    }
    @Sendable static func crear(req: Request) async throws -> Response {
        let u = try await UsuariosService.guardar(req.content.decode(UsuarioInput.self), id: nil, req.actor(), req: req)
        return try await UsuarioDTO(u).encodeResponse(status: .created, for: req)
    }
    @Sendable static func actualizar(req: Request) async throws -> UsuarioDTO {
        let actor = try req.actor()
        let id = try await UsuariosService.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db).id
        return try await UsuarioDTO(UsuariosService.guardar(req.content.decode(UsuarioInput.self), id: id, actor, req: req))
    }
    @Sendable static func entidades(req: Request) async throws -> [EntidadDTO] {
        try await UsuariosService.entidades(req.actor(), on: req.db).map(EntidadDTO.init)
    }
    @Sendable static func crearEntidad(req: Request) async throws -> Response {
        let e = try await UsuariosService.crearEntidad(req.content.decode(EntidadInput.self), req.actor(), req: req)
        return try await EntidadDTO(e).encodeResponse(status: .created, for: req)
    }
}
