import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
@testable import PactaServer

extension ServerTests {
    @Suite struct DemoEDLCarga {
        @Test func theDemoFillsBothPeriodsAtConsistentStagesAndGivesTheNamedAccountsWork() async throws {
            try await withPacta { app in
                // setup
                let hoy = Fecha(2026, 11, 20)
                _ = try await DemoData.cargar(app, servidores: 200)

                // MUT
                let r = try await DemoEDL.cargar(app, hoy: hoy)
                let otraVez = try await DemoEDL.cargar(app, hoy: hoy)

                // validate: every stage of the cycle is present, and loading again changes nothing.
                #expect(!r.yaExistia && otraVez.yaExistia)
                #expect(r.periodos == ["Período anual 2025–2026", "Período anual 2026–2027"])
                for e in EstadoEDL.allCases where e != .cerrada {
                    #expect((r.porEstado[e] ?? 0) > 0, "Falta la etapa \(e.nombre)")
                }
                let db = app.db
                let evs = try await EvaluacionEDL.query(on: db).all()
                #expect(evs.count == r.porEstado.values.reduce(0, +))
                #expect(otraVez.filas == evs.count)
                let def = PresetEDL.cnscSistemaTipo2018.definicion
                let compromisos = Dictionary(grouping: try await CompromisoLaboral.query(on: db).filter(\.$vigente == true).all(),
                                             by: { $0.$evaluacion.id })
                let tramos = Dictionary(grouping: try await TramoEDL.query(on: db).all(), by: { $0.$evaluacion.id })
                let eventos = Dictionary(grouping: try await EventoEvaluacion.query(on: db).filter(\.$instrumento == .edl).all(), by: { $0.evaluacionID })
                let periodos = Dictionary(uniqueKeysWithValues: try await PeriodoEDL.query(on: db).all().map { ($0.id!, $0) })

                for ev in evs {
                    #expect(ev.$comision.id != nil)
                    let propios = compromisos[ev.id!] ?? []
                    if ev.estado.concertada || ev.estado == .porFirmar {
                        // Signed (or sent to sign) compromisos follow the instrument's rules.
                        #expect(propios.reduce(0) { $0 + $1.peso } == 10_000)
                        let errores = Concertacion.validar(funcionales: propios.map(\.propuesto), comportamentales: ev.comportamentales,
                                                           nivel: ev.nivel, enPrueba: ev.enPrueba, definicion: def)
                        #expect(errores.isEmpty, "\(errores)")
                        #expect((eventos[ev.id!] ?? []).count >= (ev.estado == .porFirmar ? 1 : 2))
                    }
                    if ev.estado.concertada {
                        #expect(ev.concertadaEl != nil && ev.modoFijacion == .concertados)
                        #expect(ev.concertadaEl! <= hoy.iso && ev.concertadaEl! >= ev.inicio)
                    }
                    if let p = ev.puntajeValor {
                        // The score is the day-weighted consolidation of the rated stretches, on the preset's scale.
                        let calificados = (tramos[ev.id!] ?? []).filter { $0.estado == .calificado }
                        #expect(try TramosEDLService.consolidar(calificados) == p)
                        #expect(calificados.reduce(0) { $0 + $1.dias } == ev.cubre.dias)
                        let nivel = def.escala.nivel(para: p)
                        #expect(ev.nivelEscala == nivel.codigo && ev.nivelNombre == nivel.nombre && ev.satisfactoria == nivel.satisfactorio)
                        #expect(ev.calificadaEl! >= ev.fin && ev.calificadaEl! <= hoy.iso)
                        #expect(ev.estado.orden >= EstadoEDL.porAprobarComision.orden)
                    } else {
                        #expect(ev.estado.orden < EstadoEDL.porAprobarComision.orden)
                    }
                    if let n = ev.notificadaEl { #expect(n >= ev.calificadaEl! && n <= hoy.iso) }
                    if ev.estado == .notificada {
                        // Still within the término for recursos.
                        let t = Terminos(definicion: def, calendario: .colombia)
                        #expect(t.recursos(notificada: Fecha(iso: ev.notificadaEl!)!) >= hoy)
                    }
                    for t in tramos[ev.id!] ?? [] {
                        #expect(t.calificadoEl.map { $0 <= hoy.iso } ?? true)
                        #expect(t.cumplimientos.count == propios.count)
                    }
                    #expect(periodos[ev.$periodo.id] != nil)
                }
                let noSatisfactoriasEnFirme = evs.filter { $0.estado == .enFirme && $0.satisfactoria == false }
                #expect(noSatisfactoriasEnFirme.count == 1)
                #expect(evs.filter { $0.estado == .enReposicion }.count == 2)

                // The named accounts have something to do.
                func servidor(_ u: String) async throws -> UUID {
                    try #require(try await Usuario.query(on: db).filter(\.$nombreUsuario == u).first()?.$servidor.id)
                }
                let jefe = try await servidor("demo.jefe"), evaluado = try await servidor("demo.evaluado")
                let superior = try await servidor("demo.superior"), comision = try await servidor("demo.comision")
                let actual = evs.filter { periodos[$0.$periodo.id]!.anio == 2026 }
                #expect(actual.contains { $0.$servidor.id == evaluado && $0.estado == .porFirmar && !(compromisos[$0.id!] ?? []).isEmpty })
                #expect(evs.contains { $0.$servidor.id == evaluado && $0.estado == .notificada })
                #expect(actual.filter { $0.$evaluador.id == jefe && $0.estado == .porConcertar }.count >= 2)
                let porCalificar = actual.filter { ev in
                    guard ev.$evaluador.id == jefe, ev.estado == .enSeguimiento else { return false }
                    let o = TramosEDLService.siguienteOrdinario(ev, periodo: periodos[ev.$periodo.id]!, tramos: tramos[ev.id!] ?? [],
                                                                separaciones: [], definicion: def)
                    return o.map { $0.periodo.fin < hoy } ?? false
                }
                #expect(!porCalificar.isEmpty)
                #expect(evs.contains { $0.$evaluador.id == jefe && $0.estado == .enReposicion })
                let equipoDelSuperior = Set(try await Servidor.query(on: db).filter(\.$jefe.$id == superior).all().compactMap(\.id))
                #expect(evs.contains { $0.estado == .enApelacion && equipoDelSuperior.contains($0.$evaluador.id ?? UUID()) })
                #expect(evs.contains { $0.estado == .porAprobarComision && $0.$comision.id == comision })
                #expect(!evs.contains { $0.$comision.id == $0.$servidor.id || $0.$comision.id == $0.$evaluador.id })
                let parciales = tramos.values.joined().filter { $0.motivo == .cambioDeEvaluador }
                #expect(!parciales.isEmpty && parciales.allSatisfy { $0.$situacion.id != nil && $0.estado == .calificado })
                #expect(try await Evidencia.query(on: db).filter(\.$contenido != nil).count() > 0)

                // The reminders find work in the demo too.
                let rec = try await RecordatoriosEDL.generar(on: db, hoy: hoy)
                #expect(rec.nuevos > 0)
                #expect(try await Aviso.query(on: db).filter(\.$servidor.$id == jefe).filter(\.$clave =~ "recordatorio|").count() > 0)
            }
        }
    }
}
