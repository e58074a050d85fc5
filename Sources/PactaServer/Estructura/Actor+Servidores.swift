import Fluent
import Foundation

/// The actor's reach over servants, which Estructura keeps: its `alcance` applied to `Servidor`.
extension Actor {
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
