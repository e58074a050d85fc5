import Fluent
import Foundation
import PactaCore
import Vapor

/// Who is acting: the signed-in account, reduced to what authorization needs.
struct Actor: Sendable {
    let usuarioID: UUID
    let entidadID: UUID
    let rol: Rol
    let servidorID: UUID?
    let nombre: String
    let nombreUsuario: String
    let esAdministradorGlobal: Bool

    init(_ u: Usuario) throws {
        guard let id = u.id else { throw PactaError.noAutenticado }
        usuarioID = id
        entidadID = u.$entidad.id
        rol = u.rol
        servidorID = u.$servidor.id
        nombre = u.nombre
        nombreUsuario = u.nombreUsuario
        esAdministradorGlobal = u.esAdministradorGlobal
    }

    func puede(_ permiso: Permiso) -> Bool { Permisos.permite(rol, permiso) }

    func exigir(_ permiso: Permiso) throws {
        guard puede(permiso) else { throw PactaError.prohibido() }
    }

    var alcance: AlcanceServidores { .para(rol: rol, servidor: servidorID?.uuidString) }

    /// Whether this actor may see the servant; callers answer 404 when not, so nothing leaks.
    func puedeVer(_ s: Servidor) -> Bool {
        guard s.$entidad.id == entidadID, let id = s.id else { return false }
        return alcance.incluye(servidor: id.uuidString, jefe: s.$jefe.id?.uuidString)
    }

    /// Restricts a query on servants to what this actor sees.
    func filtrar(_ q: QueryBuilder<Servidor>) -> QueryBuilder<Servidor> {
        let q = q.filter(\.$entidad.$id == entidadID)
        switch alcance {
        case .entidad:
            return q
        case .equipo:
            let propio = servidorID ?? UUID()
            return q.group(.or) { $0.filter(\.$id == propio).filter(\.$jefe.$id == propio) }
        case .ninguno:
            return q.filter(\.$id == UUID())
        }
    }
}

extension Request {
    /// The signed-in actor, or 401.
    func actor() throws -> Actor {
        guard let u = auth.get(Usuario.self), u.activo else { throw PactaError.noAutenticado }
        return try Actor(u)
    }
}
