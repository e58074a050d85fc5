import Fluent
import Foundation
import PactaCore
import Vapor

/// A person who signs in. Belongs to one entity; may be linked to the servant record that
/// makes them evaluado (and evaluador of their team). `esAdministradorGlobal` accounts may also create entities.
final class Usuario: Model, @unchecked Sendable {
    static let schema = "usuarios"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "nombre_usuario") var nombreUsuario: String
    @Field(key: "nombre") var nombre: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "rol") var rol: Rol
    @Field(key: "activo") var activo: Bool
    @Field(key: "debe_cambiar_contrasena") var debeCambiarContrasena: Bool
    @Field(key: "es_administrador_global") var esAdministradorGlobal: Bool

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalParent(key: "servidor_id") var servidor: Servidor?

    init() {}

    init(id: UUID? = nil, entidadID: UUID, nombreUsuario: String, nombre: String, passwordHash: String, rol: Rol,
         servidorID: UUID? = nil, debeCambiarContrasena: Bool = false, esAdministradorGlobal: Bool = false) {
        self.id = id
        self.$entidad.id = entidadID
        self.nombreUsuario = nombreUsuario.lowercased()
        self.nombre = nombre
        self.passwordHash = passwordHash
        self.rol = rol
        self.$servidor.id = servidorID
        self.activo = true
        self.debeCambiarContrasena = debeCambiarContrasena
        self.esAdministradorGlobal = esAdministradorGlobal
    }
}

extension Usuario: ModelSessionAuthenticatable {}

/// An API bearer token. Only its SHA-256 is stored; the token itself is shown once.
final class ApiToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "nombre") var nombre: String
    @Field(key: "expira") var expira: Date
    @Parent(key: "usuario_id") var usuario: Usuario

    init() {}

    init(usuarioID: UUID, tokenHash: String, nombre: String, expira: Date) {
        self.$usuario.id = usuarioID
        self.tokenHash = tokenHash
        self.nombre = nombre
        self.expira = expira
    }
}

/// One sign-in attempt, kept to throttle guessing across every server instance.
final class IntentoDeAcceso: Model, @unchecked Sendable {
    static let schema = "intentos_de_acceso"

    @ID(key: .id) var id: UUID?
    @Field(key: "nombre_usuario") var nombreUsuario: String
    @Field(key: "ip") var ip: String
    @Field(key: "exitoso") var exitoso: Bool
    @Field(key: "momento") var momento: Date
    /// True while the password is being checked; an attempt left pending by a stopped process counts as
    /// failed after `Acceso.vidaPendiente`.
    @OptionalField(key: "pendiente") var pendiente: Bool?

    init() {}

    init(nombreUsuario: String, ip: String, exitoso: Bool, momento: Date, pendiente: Bool? = nil) {
        self.nombreUsuario = nombreUsuario
        self.ip = ip
        self.exitoso = exitoso
        self.momento = momento
        self.pendiente = pendiente
    }
}
