import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
@testable import PactaServer

extension ServerTests {
    @Suite struct Recordatorios {
        /// The fixture plus a CNSC period 2026 opened by Talento Humano: one evaluation (the carrera
        /// servant's, with the jefe as evaluador), por concertar until 20/02/2026.
        static func abrir(_ app: Application) async throws -> (Fixture, EvaluacionEDL) {
            let f = try await Fixture.crear(app)
            let th = try Actor(f.usuarios["th"]!)
            let i = try await InstrumentosEDLService.crear(.init(preset: PresetEDL.cnscSistemaTipo2018.rawValue, nombre: nil), th, on: app.db)
            let apertura = try await PeriodosEDLService.abrir(.init(instrumentoId: i.id!.uuidString, plantilla: nil, anio: "2026"), th,
                                                             hoy: Fecha(2026, 2, 2), on: app.db)
            #expect(apertura.creadas == 1)
            let ev = try #require(try await EvaluacionEDL.query(on: app.db).filter(\.$servidor.$id == f.evaluado.id!).first())
            return (f, ev)
        }

        static func recordatorios(_ app: Application) async throws -> [Aviso] {
            try await Aviso.query(on: app.db).filter(\.$clave =~ "recordatorio|").all()
        }

        @Test func aDueConcertacionNotifiesTheEvaluador() async throws {
            try await withPacta { app in
                // setup
                let (f, ev) = try await Self.abrir(app)
                #expect(ev.venceConcertacion == "2026-02-20")

                // MUT: 10 días hábiles before the deadline nothing is due; 4 before, the evaluador is reminded.
                let temprano = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 5), tamanoPagina: 1)
                let r = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 16), tamanoPagina: 1)

                // validate
                #expect(temprano.revisadas == 1 && temprano.nuevos == 0)
                #expect(r.porVencer == 1 && r.nuevos == 1 && r.vencidas == 0)
                let avisos = try await Self.recordatorios(app)
                #expect(avisos.count == 1)
                let a = try #require(avisos.first)
                #expect(a.$servidor.id == f.jefe.id)
                #expect(a.$usuario.id == f.usuarios["jefe"]!.id)
                #expect(a.correo == "julia@a.gov.co")
                #expect(a.estado == .pendiente)
                #expect(a.clave.hasPrefix("recordatorio|\(ev.id!.uuidString)|evaluador|"))
                #expect(a.clave.hasSuffix("|2026-02-20|2026-02-16"))
                #expect(a.asunto == "Recordatorio: Concertar los compromisos y enviarlos a firma")
                #expect(a.cuerpo.contains("Eva Evaluada") && a.cuerpo.contains("faltan 4 días hábiles"))
                #expect(a.enlace == "/edl/evaluaciones/\(ev.id!.uuidString)")
            }
        }

        @Test func runningTwiceOnTheSameDayEnqueuesNothingNew() async throws {
            try await withPacta { app in
                // setup
                _ = try await Self.abrir(app)
                let primera = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 23))

                // MUT
                let segunda = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 23))
                let otroDia = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 24))

                // validate: overdue since 20/02; one reminder a day, never two the same day.
                #expect(primera.nuevos == 1 && primera.vencidas == 1)
                #expect(segunda.nuevos == 0 && segunda.yaExistian == 1)
                #expect(otroDia.nuevos == 1)
                let avisos = try await Self.recordatorios(app)
                #expect(avisos.count == 2)
                #expect(avisos.allSatisfy { $0.asunto.hasPrefix("Vencido: ") })
            }
        }

        @Test func anOverdueRecursosTerminoNotifiesTalentoHumano() async throws {
            try await withPacta { app in
                // setup: rated and notified on 10/02/2027; recursos until 17/02/2027.
                let (f, ev) = try await Self.abrir(app)
                ev.estado = .notificada
                ev.puntaje = 9_250
                ev.calificadaEl = "2027-02-05"
                ev.notificadaEl = "2027-02-10"
                try await ev.save(on: app.db)

                // MUT
                let dentro = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2027, 2, 12))
                let vencido = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2027, 2, 18))

                // validate: first the evaluado may file recursos; then TH must declare it en firme.
                #expect(dentro.nuevos == 1)
                let avisos = try await Self.recordatorios(app)
                let alEvaluado = avisos.filter { $0.$servidor.id == f.evaluado.id }
                #expect(alEvaluado.count == 1 && alEvaluado[0].asunto.contains("reposición"))
                #expect(vencido.nuevos == 1)
                let aTH = avisos.filter { $0.$usuario.id == f.usuarios["th"]!.id && $0.$servidor.id == nil }
                #expect(aTH.count == 1)
                #expect(aTH.first?.clave.contains("|talento_humano|") == true)
                #expect(aTH.first?.asunto.contains("Declarar en firme") == true)
                #expect(aTH.first?.estado == .sinCorreo)
            }
        }

        @Test func aFakeSendmailReceivesTheMessageWithItsSubjectEncoded() async throws {
            try await withPacta { app in
                // setup: a sendmail that appends what it reads to a file.
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-sendmail-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: dir) }
                let salida = dir.appendingPathComponent("buzon.txt").path
                let script = dir.appendingPathComponent("sendmail").path
                try "#!/bin/sh\ncat >> '\(salida)'\n".write(toFile: script, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
                _ = try await Self.abrir(app)
                _ = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 16))

                // MUT
                let e = try await RecordatoriosEDL.enviar(on: app.db, comando: "\(script) -t", remitente: "pacta@entidad.gov.co",
                                                          urlPublica: "https://pacta.entidad.gov.co", logger: app.logger)

                // validate
                #expect(e.fallidos == 0 && e.registrados == 0 && e.enviados >= 1)
                let ev = try #require(try await EvaluacionEDL.query(on: app.db).first())
                #expect(try String(contentsOfFile: salida, encoding: .utf8).contains("Para verlo en Pacta: https://pacta.entidad.gov.co/edl/evaluaciones/\(ev.id!.uuidString)"))
                let buzon = try String(contentsOfFile: salida, encoding: .utf8)
                let asunto = "Recordatorio: Concertar los compromisos y enviarlos a firma"
                #expect(buzon.contains("Subject: =?UTF-8?B?\(Data(asunto.utf8).base64EncodedString())?="))
                #expect(buzon.contains("To: julia@a.gov.co"))
                #expect(buzon.contains("From: pacta@entidad.gov.co"))
                #expect(buzon.contains("Eva Evaluada"))
                let avisos = try await Self.recordatorios(app)
                #expect(avisos.count == 1 && avisos.allSatisfy { $0.estado == .enviado && $0.enviadoAt != nil })
            }
        }

        @Test func withoutAMailCommandNoticesAreLoggedAndMarkedRegistrado() async throws {
            try await withPacta { app in
                // setup
                _ = try await Self.abrir(app)
                _ = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 16))

                // MUT
                let e = try await RecordatoriosEDL.enviar(on: app.db, comando: nil, remitente: "pacta@localhost", logger: app.logger)
                let otraVez = try await RecordatoriosEDL.enviar(on: app.db, comando: nil, remitente: "pacta@localhost", logger: app.logger)

                // validate
                #expect(e.enviados == 0 && e.registrados >= 1)
                #expect(otraVez == RecordatoriosEDL.Envio())
                let avisos = try await Self.recordatorios(app)
                #expect(avisos.count == 1 && avisos.allSatisfy { $0.estado == .registrado })
            }
        }

        @Test func aFailingMailCommandKeepsTheNoticePendingUntilTheFifthAttempt() async throws {
            try await withPacta { app in
                // setup: a command that reads nothing and fails; only the reminder is in the outbox
                _ = try await Self.abrir(app)
                _ = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 16))
                try await Aviso.query(on: app.db).filter(\.$clave !~ "recordatorio|").delete()
                // MUT + validate: each run is one attempt; the notice stays pending, then fails for good
                for intento in 1...5 {
                    let e = try await RecordatoriosEDL.enviar(on: app.db, comando: "/bin/false", remitente: "pacta@localhost", logger: app.logger)
                    #expect(e.fallidos == 1 && e.enviados == 0, "intento \(intento)")
                    let a = try #require(try await Self.recordatorios(app).first)
                    #expect(a.intentos == intento)
                    #expect(a.estado == (intento < 5 ? .pendiente : .fallido))
                    #expect(a.error?.contains("código 1") == true)
                }
                #expect(try await RecordatoriosEDL.enviar(on: app.db, comando: "/bin/false", remitente: "pacta@localhost", logger: app.logger) == RecordatoriosEDL.Envio())
            }
        }

        @Test func aNoticeClaimedByARunThatDiedIsSentAfterAnHour() async throws {
            try await withPacta { app in
                // setup: the notice was claimed 30 minutes ago by a run that never finished; nothing else is pending
                _ = try await Self.abrir(app)
                _ = try await RecordatoriosEDL.generar(on: app.db, hoy: Fecha(2026, 2, 16))
                try await Aviso.query(on: app.db).filter(\.$clave !~ "recordatorio|").delete()
                let a = try #require(try await Self.recordatorios(app).first)
                a.estado = .enviando
                a.enviadoAt = Date().addingTimeInterval(-1800)
                try await a.save(on: app.db)
                // MUT + validate: another run leaves it alone while the claim is fresh…
                #expect(try await RecordatoriosEDL.enviar(on: app.db, comando: nil, remitente: "pacta@localhost", logger: app.logger) == RecordatoriosEDL.Envio())
                #expect(try await Self.recordatorios(app).first?.estado == .enviando)
                // …and takes it once the claim is over an hour old
                a.enviadoAt = Date().addingTimeInterval(-3700)
                try await a.save(on: app.db)
                let e = try await RecordatoriosEDL.enviar(on: app.db, comando: nil, remitente: "pacta@localhost", logger: app.logger)
                #expect(e.registrados == 1)
                #expect(try await Self.recordatorios(app).first?.estado == .registrado)
            }
        }

        @Test func settingsReadTheMailCommandAndSender() {
            let s = PactaSettings.fromEnvironment()
            #expect(s.remitente == (Environment.get("PACTA_MAIL_FROM") ?? "pacta@localhost"))
            #expect(RecordatoriosEDL.huella("Concertar") == RecordatoriosEDL.huella("Concertar"))
            #expect(RecordatoriosEDL.huella("Concertar").count == 16)
        }
    }
}
