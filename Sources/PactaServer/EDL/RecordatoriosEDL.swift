import Fluent
import Foundation
import PactaCore
import Vapor

/// `pacta recordatorios`: reminds each person of what is due on the EDL evaluations they act on,
/// when it falls due within `diasDeAnticipacion` días hábiles or is overdue. Meant for cron: the
/// notice's `clave` carries the day, so running it again the same day enqueues nothing new.
enum RecordatoriosEDL {
    /// Días hábiles before a deadline from which a reminder is sent.
    static let diasDeAnticipacion = 5

    struct Resultado: Sendable, Equatable {
        /// Evaluations not yet en firme nor closed.
        var revisadas = 0
        /// Tasks due within the window or overdue (one per evaluation and role).
        var porVencer = 0
        var vencidas = 0
        /// Notices enqueued now, and those that already existed from an earlier run today.
        var nuevos = 0
        var yaExistian = 0
        /// Tasks without anyone to tell (no evaluador, no comisión, no Talento Humano account).
        var sinDestinatario = 0
    }

    struct Envio: Sendable, Equatable {
        var enviados = 0
        var registrados = 0
        var fallidos = 0
    }

    private struct ContextoPeriodo {
        let periodo: PeriodoEDL
        let definicion: DefinicionEDL
        let terminos: Terminos
    }

    /// One notice to enqueue: to a servant, or to every Talento Humano account of the entity.
    private struct Candidato {
        let entidadID: UUID
        let servidorID: UUID?
        let clave: String
        let asunto: String
        let cuerpo: String
        let enlace: String
    }

    /// Computes what is due as of `hoy` on every open evaluation and enqueues the reminders.
    /// Evaluations are read in pages of `tamanoPagina` with one query per kind of related row, and
    /// each page's notices are written in one transaction.
    static func generar(on db: any Database, hoy: Fecha, tamanoPagina: Int = 1000) async throws -> Resultado {
        var r = Resultado()
        var periodos: [UUID: ContextoPeriodo] = [:]
        var calendarios: [UUID: Calendario] = [:]
        var cuentasTH: [UUID: [UUID]] = [:]
        let abiertos = EstadoEDL.allCases.filter { $0 != .enFirme && $0 != .cerrada }
        var ultimo: UUID?

        while true {
            let q = EvaluacionEDL.query(on: db).filter(\.$estado ~~ abiertos).sort(\.$id).limit(tamanoPagina)
            if let ultimo { q.filter(\.$id > ultimo) }
            let evs = try await q.all()
            guard let ultimaDeLaPagina = evs.last?.id else { break }
            ultimo = ultimaDeLaPagina
            r.revisadas += evs.count

            // Periods, calendars and Talento Humano accounts: once per run.
            let faltan = Set(evs.map { $0.$periodo.id }).subtracting(periodos.keys)
            if !faltan.isEmpty {
                for p in try await PeriodoEDL.query(on: db).filter(\.$id ~~ faltan).all() {
                    let entidad = p.$entidad.id
                    if calendarios[entidad] == nil {
                        calendarios[entidad] = try await CalendarioService.calendario(entidad, on: db)
                        cuentasTH[entidad] = try await Usuario.query(on: db).filter(\.$entidad.$id == entidad)
                            .filter(\.$rol == .talentoHumano).filter(\.$activo == true).all().compactMap(\.id)
                    }
                    let d = try p.definicion
                    periodos[p.id!] = ContextoPeriodo(periodo: p, definicion: d, terminos: Terminos(definicion: d, calendario: calendarios[entidad]!))
                }
            }

            // The page's related rows, one query each.
            let lote = try await FotosEDL.lote(evs, on: db)
            var personas = Set(evs.map { $0.$servidor.id })
            for ev in evs where ev.estado == .enApelacion { if let e = ev.$evaluador.id { personas.insert(e) } }
            var nombres: [UUID: String] = [:]
            var jefes: [UUID: UUID] = [:]
            for s in try await Servidor.query(on: db).filter(\.$id ~~ Array(personas)).all() {
                nombres[s.id!] = s.nombreCompleto
                if let j = s.$jefe.id { jefes[s.id!] = j }
            }

            // What is due, and to whom.
            var candidatos: [Candidato] = []
            var clavesTH: [String: [String]] = [:]
            for ev in evs {
                guard let ctx = periodos[ev.$periodo.id], let cal = calendarios[ev.$entidad.id] else { continue }
                let abiertosTramo = (lote.tramos[ev.id!] ?? []).filter { $0.estado == .abierto }
                let foto = FotosEDL.foto(ev, periodo: ctx.periodo, definicion: ctx.definicion, lote: lote)
                let limite = cal.sumarDiasHabiles(diasDeAnticipacion, desde: hoy)
                let evaluado = nombres[ev.$servidor.id] ?? "el servidor"
                for p in Pendientes.calcular(foto, terminos: ctx.terminos, hoy: hoy) {
                    if let vence = p.vence, vence > limite { continue }
                    let vencida = p.vence.map { $0 < hoy } ?? false
                    if vencida { r.vencidas += 1 } else { r.porVencer += 1 }

                    var destinatario: UUID?
                    switch p.rol {
                    case .evaluado: destinatario = ev.$servidor.id
                    case .evaluador:
                        // An evaluación parcial is rated by whoever was evaluador during the stretch.
                        let parcial = abiertosTramo.first { t in
                            p.tarea.hasSuffix(t.motivo.nombre.lowercased()) && t.vence == p.vence?.iso
                        }
                        destinatario = parcial?.$evaluador.id ?? ev.$evaluador.id
                    case .comision: destinatario = ev.$comision.id
                    case .superior: destinatario = ev.$evaluador.id.flatMap { jefes[$0] }
                    case .talentoHumano: destinatario = nil
                    }
                    let clave = ["recordatorio", ev.id!.uuidString, p.rol.rawValue, huella(p.tarea), p.vence?.iso ?? "sin_plazo", hoy.iso]
                        .joined(separator: "|")
                    let plazo = textoPlazo(p.vence, hoy: hoy, calendario: cal)
                    let asunto = "\(vencida ? "Vencido" : "Recordatorio"): \(p.tarea)"
                    let cuerpo = "\(p.tarea) — evaluación del desempeño de \(evaluado), \(ctx.periodo.nombre). \(plazo)"
                    let enlace = "/edl/evaluaciones/\(ev.id!.uuidString)"
                    if p.rol == .talentoHumano {
                        let cuentas = cuentasTH[ev.$entidad.id] ?? []
                        if cuentas.isEmpty { r.sinDestinatario += 1; continue }
                        clavesTH[clave] = cuentas.map { "\(clave)|\($0.uuidString)" }
                        candidatos.append(Candidato(entidadID: ev.$entidad.id, servidorID: nil, clave: clave, asunto: asunto,
                                                    cuerpo: cuerpo, enlace: enlace))
                    } else if let destinatario {
                        candidatos.append(Candidato(entidadID: ev.$entidad.id, servidorID: destinatario, clave: clave, asunto: asunto,
                                                    cuerpo: cuerpo, enlace: enlace))
                    } else {
                        r.sinDestinatario += 1
                    }
                }
            }
            guard !candidatos.isEmpty else { continue }

            // Skip what an earlier run today already enqueued (one query), then write the rest.
            let todas = candidatos.flatMap { c in c.servidorID == nil ? clavesTH[c.clave] ?? [] : [c.clave] }
            var existentes = Set<String>()
            for lote in stride(from: 0, to: todas.count, by: 1000) {
                let parte = Array(todas[lote..<min(lote + 1000, todas.count)])
                existentes.formUnion(try await Aviso.query(on: db).filter(\.$clave ~~ parte).field(\.$clave).all().map(\.clave))
            }
            let nuevos = candidatos.filter { c in
                c.servidorID == nil ? !(clavesTH[c.clave] ?? []).allSatisfy(existentes.contains) : !existentes.contains(c.clave)
            }
            r.yaExistian += candidatos.count - nuevos.count
            guard !nuevos.isEmpty else { continue }
            let escritos = try await db.escribir { db in
                var n = 0
                for c in nuevos {
                    if let s = c.servidorID {
                        if try await AvisosService.encolar(on: db, entidadID: c.entidadID, servidorID: s, clave: c.clave,
                                                           asunto: c.asunto, cuerpo: c.cuerpo, enlace: c.enlace) { n += 1 }
                    } else {
                        try await AvisosService.encolarATalentoHumano(on: db, entidadID: c.entidadID, clave: c.clave,
                                                                      asunto: c.asunto, cuerpo: c.cuerpo, enlace: c.enlace)
                        n += 1
                    }
                }
                return n
            }
            r.nuevos += escritos
        }
        return r
    }

    /// Sends the whole pending outbox in batches (see `AvisosService.enviarPendientes`). Stops at the first
    /// batch with failures (they stay pending and are retried by the next run, up to five times).
    static func enviar(on db: any Database, comando: String?, remitente: String, urlPublica: String? = nil, logger: Logger,
                       lote: Int = 500) async throws -> Envio {
        var total = Envio()
        while true {
            let r = try await AvisosService.enviarPendientes(on: db, comando: comando, remitente: remitente, urlPublica: urlPublica,
                                                             logger: logger, limite: lote)
            total.enviados += r.enviados
            total.registrados += r.registrados
            total.fallidos += r.fallidos
            if r.fallidos > 0 || r.enviados + r.registrados < lote { break }
        }
        return total
    }

    /// A short stable fingerprint of a task's text (FNV-1a, 64 bits), for the notice's clave.
    static func huella(_ texto: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in texto.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func textoPlazo(_ vence: Fecha?, hoy: Fecha, calendario: Calendario) -> String {
        guard let vence else { return "Está pendiente desde ya." }
        if vence == hoy { return "Vence hoy, \(vence.texto)." }
        let n = calendario.diasHabilesRestantes(hoy: hoy, vence: vence)
        if vence > hoy {
            return "Vence el \(vence.texto) (\(n == 1 ? "falta 1 día hábil" : "faltan \(n) días hábiles"))."
        }
        return "Venció el \(vence.texto) (hace \(-n == 1 ? "1 día hábil" : "\(-n) días hábiles"))."
    }
}

struct RecordatoriosCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "fecha", help: "Calcular como si hoy fuera esta fecha (dd/mm/aaaa).")
        var fecha: String?
        @Flag(name: "sin-enviar", help: "Solo encola los avisos; no envía la bandeja de salida.")
        var sinEnviar: Bool
        init() {}
    }

    var help: String {
        "Encola recordatorios de lo que vence en las evaluaciones EDL (5 días hábiles o vencido) y envía los avisos pendientes. Seguro de repetir (cron)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var hoy = CalendarioService.hoy()
        if let t = signature.fecha {
            guard let f = Fecha(texto: t) else {
                context.console.error("La fecha «\(t)» no es válida: use dd/mm/aaaa.")
                throw ExitCode(2)
            }
            hoy = f
        }
        let inicio = Date()
        let r = try await RecordatoriosEDL.generar(on: app.db, hoy: hoy)
        let segundos = Date().timeIntervalSince(inicio)
        context.console.print("Recordatorios EDL al \(hoy.texto): \(r.revisadas) evaluación(es) abiertas revisadas en \(String(format: "%.1f", segundos)) s.")
        context.console.print("  Tareas por vencer (\(RecordatoriosEDL.diasDeAnticipacion) días hábiles o menos): \(r.porVencer); vencidas: \(r.vencidas).")
        context.console.print("  Avisos nuevos: \(r.nuevos); ya enviados hoy: \(r.yaExistian); sin destinatario: \(r.sinDestinatario).")
        for fuente in app.fuentesDeRecordatorios { context.console.print(try await fuente(app.db, hoy)) }
        if signature.sinEnviar {
            context.console.print("Bandeja de salida sin enviar (--sin-enviar).")
            return
        }
        let settings = app.pacta
        let e = try await RecordatoriosEDL.enviar(on: app.db, comando: settings.sendmail, remitente: settings.remitente,
                                                  urlPublica: settings.urlPublica, logger: app.logger)
        if settings.sendmail == nil {
            context.console.print("Sin PACTA_SENDMAIL: \(e.registrados) aviso(s) registrados en el log.")
        } else {
            context.console.print("Correo: \(e.enviados) enviado(s), \(e.fallidos) fallido(s) (se reintentan en la próxima ejecución).")
        }
        if e.fallidos > 0 { throw ExitCode(1) }
    }
}
