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

extension Request {
    /// The signed-in actor, or 401.
    func actor() throws -> Actor {
        guard let u = auth.get(Usuario.self), u.activo else { throw PactaError.noAutenticado }
        return try Actor(u)
    }
}
