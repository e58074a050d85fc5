import Fluent
import Foundation
import PactaCore

/// `pacta recordatorios` for the Gestión Institucional: what the engine says is due soon or overdue
/// on every open evaluation becomes a notice in the shared outbox, once a day per task.
enum RecordatoriosGI {
    struct Resultado: Sendable { var revisadas = 0; var nuevos = 0 }
    /// Días hábiles before a deadline when the reminder starts (as the EDL's).
    static let diasDeAnticipacion = 5

    static func generar(on db: any Database, hoy: Fecha, anticipacion: Int, tamanoPagina: Int = 1000) async throws -> Resultado {
        var r = Resultado()
        var ultimo: UUID?
        let abiertos = EstadoGI.allCases.filter { $0 != .finalizada && $0 != .cerrada }
        var calendarios: [UUID: Calendario] = [:]
        while true {
            let q = EvaluacionGI.query(on: db).filter(\.$estado ~~ abiertos).sort(\.$id).limit(tamanoPagina)
            if let ultimo { q.filter(\.$id > ultimo) }
            let evs = try await q.all()
            guard let fin = evs.last?.id else { break }
            ultimo = fin
            r.revisadas += evs.count
            let debidos = try await EvaluacionesGIService.pendientes(evs, hoy: hoy, on: db)
            for ev in evs {
                if calendarios[ev.$entidad.id] == nil { calendarios[ev.$entidad.id] = try await CalendarioService.calendario(ev.$entidad.id, on: db) }
                let limite = calendarios[ev.$entidad.id]!.sumarDiasHabiles(anticipacion, desde: hoy)
                for d in debidos[ev.id!] ?? [] {
                    guard let vence = d.vence, vence <= limite else { continue }
                    let destino: UUID? = switch d.rol {
                    case .evaluado: ev.$servidor.id
                    case .jefe: ev.$jefe.id
                    case .talentoHumano: nil
                    }
                    guard let destino else { continue }
                    let vencida = vence < hoy
                    let clave = "recordatorio|gi|\(ev.id!)|\(d.rol.rawValue)|\(ev.estado.rawValue)|\(vence.iso)|\(hoy.iso)"
                    let nuevo = try await db.escribir { db in
                        try await AvisosService.encolar(on: db, entidadID: ev.$entidad.id, servidorID: destino, clave: clave,
                                                        asunto: "\(vencida ? "Vencido" : "Recordatorio"): \(d.tarea)",
                                                        cuerpo: "\(d.tarea) — gestión institucional. Vence el \(vence.texto).",
                                                        enlace: "/gestion/evaluaciones/\(ev.id!)")
                    }
                    if nuevo { r.nuevos += 1 }
                }
            }
        }
        return r
    }
}
