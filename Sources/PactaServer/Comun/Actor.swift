import Foundation
import Vapor
import PactaCore

/// Who is acting: the signed-in account, reduced to what authorization needs. Every capability
/// checks it, so it is a plain value of the platform; making one from a `Usuario` is Identidad's
/// (`Actor+Usuario`), and which servants it sees is Estructura's (`Actor+Servidores`).
struct Actor: Sendable {
    let usuarioID: UUID
    let entidadID: UUID
    let rol: Rol
    let servidorID: UUID?
    let nombre: String
    let nombreUsuario: String
    let esAdministradorGlobal: Bool

    init(usuarioID: UUID, entidadID: UUID, rol: Rol, servidorID: UUID?, nombre: String, nombreUsuario: String,
         esAdministradorGlobal: Bool) {
        self.usuarioID = usuarioID
        self.entidadID = entidadID
        self.rol = rol
        self.servidorID = servidorID
        self.nombre = nombre
        self.nombreUsuario = nombreUsuario
        self.esAdministradorGlobal = esAdministradorGlobal
    }

    func puede(_ permiso: Permiso) -> Bool { Permisos.permite(rol, permiso) }

    func exigir(_ permiso: Permiso) throws {
        guard puede(permiso) else { throw PactaError.prohibido() }
    }

    var alcance: AlcanceServidores { .para(rol: rol, servidor: servidorID?.uuidString) }
}

extension Application {
    private struct ActorDeKey: StorageKey { typealias Value = @Sendable (Request) throws -> Actor? }
    /// Who a request acts as (nil: nobody signed in). Set in `configure` by the identity capability, so
    /// every folder asks `req.actor()` without depending on how accounts and sessions work.
    var actorDe: (@Sendable (Request) throws -> Actor?)? {
        get { storage[ActorDeKey.self] }
        set { storage[ActorDeKey.self] = newValue }
    }
}

extension Request {
    /// The signed-in actor, or 401.
    func actor() throws -> Actor {
        guard let a = try application.actorDe?(self) else { throw PactaError.noAutenticado }
        return a
    }
}
