import Fluent
import Foundation
import PactaCore
import Vapor

/// Measurements for `pacta-bench` (scripts/benchmark): the work of Talento Humano on a whole
/// period, run in process against the configured database. Nothing is written.
public enum MedicionEDL {
    public struct Linea: Sendable {
        public let nombre: String
        public let n: Int
        public let segundos: Double
        public let nota: String
    }

    /// Re-consolidates every rated evaluation from its stretches (as rating the definitive does),
    /// checks it against the stored score and level, and times the lists Talento Humano reads.
    public static func medir(_ app: Application, lote: Int = 1000) async throws -> [Linea] {
        let db = app.db
        var lineas: [Linea] = []
        func medir<T>(_ nombre: String, _ cuerpo: () async throws -> T) async rethrows -> (T, Double) {
            let t0 = Date()
            let r = try await cuerpo()
            return (r, Date().timeIntervalSince(t0))
        }

        // 1. Consolidation of definitive scores, in pages with batched stretches.
        var definiciones: [UUID: DefinicionEDL] = [:]
        for p in try await PeriodoEDL.query(on: db).all() { definiciones[p.id!] = try p.definicion }
        let ((n, distintas), s) = try await medir("consolidar") { () async throws -> (Int, Int) in
            var ultimo: UUID?
            var n = 0, distintas = 0
            while true {
                let q = EvaluacionEDL.query(on: db).filter(\.$puntaje != nil).sort(\.$id).limit(lote)
                if let ultimo { q.filter(\.$id > ultimo) }
                let evs = try await q.all()
                guard let u = evs.last?.id else { break }
                ultimo = u
                let tramos = Dictionary(grouping: try await TramoEDL.query(on: db).filter(\.$evaluacion.$id ~~ evs.compactMap(\.id))
                    .filter(\.$estado == .calificado).all(), by: { $0.$evaluacion.id })
                for ev in evs {
                    guard let def = definiciones[ev.$periodo.id], let ts = tramos[ev.id!] else { continue }
                    let antes = (ev.puntaje, ev.nivelEscala)
                    let p = try TramosEDLService.consolidar(ts)
                    TramosEDLService.asignarPuntaje(ev, p, def)
                    if antes != (ev.puntaje, ev.nivelEscala) { distintas += 1 }
                    n += 1
                }
            }
            return (n, distintas)
        }
        lineas.append(Linea(nombre: "Consolidar calificaciones definitivas (tramos por lotes de \(lote))", n: n, segundos: s,
                            nota: distintas == 0 ? "todas coinciden con el puntaje guardado" : "\(distintas) difieren del puntaje guardado"))

        // 2. What Talento Humano's pages read, per period.
        guard let th = try await Usuario.query(on: db).filter(\.$nombreUsuario == "demo.th").first() else { return lineas }
        let actor = try Actor(th)
        let hoy = CalendarioService.hoy()
        for p in try await PeriodoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).sort(\.$anio).all() {
            let (conteo, s1) = try await medir("conteo") { try await PeriodosEDLService.conteoPorEstado(p.id!, on: db) }
            lineas.append(Linea(nombre: "\(p.nombre): conteo por etapa", n: conteo.values.reduce(0, +), segundos: s1, nota: ""))
            var f = FiltroEvaluaciones()
            f.estado = EstadoEDL.enFirme.rawValue
            f.pagina = 3
            let (pagina, s2) = try await medir("lista") { try await ListadoEDL.listar(p.id!, f, actor, hoy: hoy, on: db) }
            lineas.append(Linea(nombre: "\(p.nombre): lista de en firme, página 3 de 25", n: pagina.total, segundos: s2, nota: ""))
            let (todas, s3) = try await medir("todas") { try await ListadoEDL.todas(p.id!, FiltroEvaluaciones(), actor, hoy: hoy, on: db) }
            lineas.append(Linea(nombre: "\(p.nombre): lista completa (lo que lee una exportación)", n: todas.count, segundos: s3, nota: ""))
        }
        let (r, s4) = try await medir("recordatorios") { try await RecordatoriosEDL.generar(on: db, hoy: hoy) }
        lineas.append(Linea(nombre: "Recordatorios (generar; repetición del mismo día si ya corrió)", n: r.revisadas, segundos: s4,
                            nota: "\(r.nuevos) nuevos, \(r.yaExistian) ya existían"))
        return lineas
    }
}
