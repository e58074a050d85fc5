import Foundation
import Vapor

extension Actor {
    /// The actor of an account; 401 for an account not yet saved.
    init(_ u: Usuario) throws {
        guard let id = u.id else { throw PactaError.noAutenticado }
        self.init(usuarioID: id, entidadID: u.$entidad.id, rol: u.rol, servidorID: u.$servidor.id, nombre: u.nombre,
                  nombreUsuario: u.nombreUsuario, esAdministradorGlobal: u.esAdministradorGlobal)
    }
}

extension Actor {
    /// The actor of the account signed in on the request (session or token), nil when none is
    /// or it was deactivated. `configure` installs it as `Application.actorDe`.
    @Sendable static func deLaSesion(_ req: Request) throws -> Actor? {
        guard let u = req.auth.get(Usuario.self), u.activo else { return nil }
        return try Actor(u)
    }
}
