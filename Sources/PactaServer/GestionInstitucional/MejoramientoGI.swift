import Fluent
import Foundation
import PactaCore

/// The finished Gestión Institucional evaluations of a year whose result falls below the threshold.
struct MejoramientoGI: FuenteDeMejoramiento {
    func candidatos(entidad: UUID, anio: Int, umbral: Int, on db: any Database) async throws -> [CandidatoMejoramiento] {
        guard let v = try await VigenciaGI.query(on: db).filter(\.$entidad.$id == entidad).filter(\.$anio == anio).first() else { return [] }
        return try await EvaluacionGI.query(on: db).filter(\.$vigencia.$id == v.id!).filter(\.$estado == .finalizada)
            .filter(\.$resultado < umbral).all().compactMap { ev in
                ev.resultado.map {
                    CandidatoMejoramiento(instrumento: .gestionInstitucional, evaluacionID: ev.id!, servidorID: ev.$servidor.id,
                                          jefeID: ev.$jefe.id, vigencia: v.nombre, resultado: $0)
                }
            }
    }
}
