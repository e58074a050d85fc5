import Fluent
import Foundation
import PactaCore

/// The one way the EDL turns its rows into the snapshot the engine's "what is due" reads. The pages,
/// the API and `pacta recordatorios` all build it here, so the concertación date, the parcial deadline
/// and the recurso in course are read the same way everywhere.
enum FotosEDL {
    /// The rows related to a batch of evaluations, one query per kind whatever the batch size.
    struct Lote: Sendable {
        var tramos: [UUID: [TramoEDL]] = [:]
        var separaciones: [UUID: [Periodo]] = [:]
        /// The latest recurso not yet resolved, per evaluation.
        var recursos: [UUID: RecursoEDL] = [:]
    }

    static func lote(_ evs: [EvaluacionEDL], on db: any Database) async throws -> Lote {
        var l = Lote()
        let ids = evs.compactMap(\.id)
        guard !ids.isEmpty else { return l }
        l.tramos = Dictionary(grouping: try await TramoEDL.query(on: db).filter(\.$evaluacion.$id ~~ ids).sort(\.$desde).all(),
                              by: { $0.$evaluacion.id })
        let enSeguimiento = evs.filter { $0.estado == .enSeguimiento }
        if !enSeguimiento.isEmpty {
            let tipos = TipoSituacion.allCases.filter(\.esSeparacion)
            for s in try await SituacionAdministrativa.query(on: db).filter(\.$servidor.$id ~~ Set(enSeguimiento.map { $0.$servidor.id }))
                .filter(\.$tipo ~~ tipos).all() {
                guard let i = Fecha(iso: s.fechaInicio), let f = s.fechaFin.flatMap(Fecha.init(iso:)), let p = Periodo(inicio: i, fin: f) else { continue }
                l.separaciones[s.$servidor.id, default: []].append(p)
            }
        }
        let conRecurso = evs.filter { $0.estado == .enReposicion || $0.estado == .enApelacion }.compactMap(\.id)
        if !conRecurso.isEmpty {
            for r in try await RecursoEDL.query(on: db).filter(\.$evaluacion.$id ~~ conRecurso).filter(\.$resueltoEl == nil).all() {
                if let previo = l.recursos[r.$evaluacion.id], previo.interpuestoEl >= r.interpuestoEl { continue }
                l.recursos[r.$evaluacion.id] = r
            }
        }
        return l
    }

    /// The snapshot of one evaluation: the next ordinary stretch to rate, the parciales opened (due on
    /// their deadline, or their last day when none was set) and the dates the deadlines count from.
    static func foto(_ ev: EvaluacionEDL, periodo: PeriodoEDL, definicion: DefinicionEDL, tramos: [TramoEDL],
                     separaciones: [Periodo], recurso: RecursoEDL?) -> FotoEvaluacion {
        let siguiente = ev.estado == .enSeguimiento
            ? TramosEDLService.siguienteOrdinario(ev, periodo: periodo, tramos: tramos, separaciones: separaciones, definicion: definicion) : nil
        return FotoEvaluacion(
            estado: ev.estado, venceConcertacion: Fecha(iso: ev.venceConcertacion) ?? ev.cubre.inicio,
            tramosPorCalificar: siguiente.map { [($0.nombre, $0.periodo.fin)] } ?? [],
            parcialesAbiertas: tramos.filter { $0.estado == .abierto }.compactMap { t in Fecha(iso: t.vence ?? t.hasta).map { (t.motivo, $0) } },
            calificada: ev.calificadaEl.flatMap(Fecha.init(iso:)), notificada: ev.notificadaEl.flatMap(Fecha.init(iso:)),
            recursoInterpuesto: recurso.flatMap { Fecha(iso: $0.interpuestoEl) })
    }

    static func foto(_ ev: EvaluacionEDL, periodo: PeriodoEDL, definicion: DefinicionEDL, lote: Lote) -> FotoEvaluacion {
        foto(ev, periodo: periodo, definicion: definicion, tramos: lote.tramos[ev.id!] ?? [],
             separaciones: lote.separaciones[ev.$servidor.id] ?? [], recurso: lote.recursos[ev.id!])
    }
}
