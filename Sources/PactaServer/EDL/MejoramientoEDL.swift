import Fluent
import Foundation
import PactaCore

/// The EDL evaluations en firme of periods starting in a year whose score falls below the threshold.
struct MejoramientoEDL: FuenteDeMejoramiento {
    func candidatos(entidad: UUID, anio: Int, umbral: Int, on db: any Database) async throws -> [CandidatoMejoramiento] {
        let periodos = try await PeriodoEDL.query(on: db).filter(\.$entidad.$id == entidad).filter(\.$anio == anio).all()
        guard !periodos.isEmpty else { return [] }
        let nombres = Dictionary(uniqueKeysWithValues: periodos.map { ($0.id!, $0.nombre) })
        return try await EvaluacionEDL.query(on: db).filter(\.$periodo.$id ~~ Array(nombres.keys)).filter(\.$estado == .enFirme)
            .filter(\.$puntaje < umbral).all().compactMap { ev in
                ev.puntaje.map {
                    CandidatoMejoramiento(instrumento: .edl, evaluacionID: ev.id!, servidorID: ev.$servidor.id, jefeID: ev.$evaluador.id,
                                          vigencia: nombres[ev.$periodo.id] ?? "\(anio)", resultado: $0)
                }
            }
    }
}
