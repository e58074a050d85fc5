import Foundation
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
