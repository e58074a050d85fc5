import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite struct DemoGICarga {
        struct Accion: Encodable { var accion: String }

        @Test func theDemoLeavesBothVigenciasAtStagesTheTableAllowsAndTheNamedEvaluadoCanAct() async throws {
            try await withPacta { app in
                // setup
                let hoy = Fecha(2026, 11, 20)
                _ = try await DemoData.cargar(app, servidores: 200)

                // MUT
                let r = try await DemoGI.cargar(app, hoy: hoy)
                let otraVez = try await DemoGI.cargar(app, hoy: hoy)

                // validate: both vigencias, realistic stages, and loading again changes nothing.
                #expect(!r.yaExistia && otraVez.yaExistia && r.cuentaCreada)
                #expect(r.vigencias == ["Vigencia 2025", "Vigencia 2026"])
                let db = app.db
                let evs = try await EvaluacionGI.query(on: db).all()
                #expect(evs.count == r.porEstado.values.reduce(0, +) && otraVez.filas == evs.count)
                let vigencias = Dictionary(uniqueKeysWithValues: try await VigenciaGI.query(on: db).all().map { ($0.id!, $0) })
                let actual = evs.filter { vigencias[$0.$vigencia.id]!.anio == 2026 }
                let anterior = evs.filter { vigencias[$0.$vigencia.id]!.anio == 2025 }
                // In November the 2026 vigencia is between its two seguimientos; 2025's is over.
                for e: EstadoGI in [.formulacion, .autoevaluacion1, .revision1, .aceptacion1, .autoevaluacion2] {
                    #expect(actual.contains { $0.estado == e }, "Falta la etapa \(e.nombre) en 2026")
                }
                #expect(actual.contains { $0.estado == .formulacion && $0.motivo != nil }, "Falta una formulación rechazada")
                #expect(anterior.filter { $0.estado == .finalizada }.count * 10 > anterior.count * 7)

                let servidores = Dictionary(uniqueKeysWithValues: try await Servidor.query(on: db).all().map { ($0.id!, $0) })
                let eventos = Dictionary(grouping: try await EventoEvaluacion.query(on: db).filter(\.$instrumento == .gestionInstitucional).all(),
                                         by: { $0.evaluacionID })
                let definicion = DefinicionGI.preset
                for ev in evs {
                    let s = try #require(servidores[ev.$servidor.id])
                    #expect(definicion.base.vinculaciones.contains(s.tipoVinculacion) && ev.$jefe.id == s.$jefe.id)
                    // The history replays along the workflow table, one day after another, up to the stage it is at.
                    let historia = (eventos[ev.id!] ?? []).sorted { $0.fecha < $1.fecha }
                    var estado = EstadoGI.formulacion
                    var dia = ""
                    for e in historia {
                        #expect(e.estadoDesde == estado.rawValue && e.fecha > dia && e.fecha <= hoy.iso)
                        let accion = try #require(AccionGI(rawValue: e.accion)), rol = try #require(RolGI(rawValue: e.rol))
                        let hacia = try FlujoGI.flujo.transicion(desde: estado, rol: rol, accion: accion)
                        #expect(e.estadoHacia == hacia.rawValue)
                        estado = hacia
                        dia = e.fecha
                    }
                    #expect(estado == ev.estado && ev.version == historia.count)
                    if let ultimo = historia.last, ultimo.estadoDesde != ultimo.estadoHacia { #expect(ev.etapaDesde == ultimo.fecha) }
                    // Metas sent to the jefe are metas the instrument accepts.
                    if ev.estado != .formulacion && ev.estado != .cerrada {
                        #expect(MetasGI.validar(ev.metas, componente: definicion.metas).isEmpty)
                    }
                    if ev.estado == .aceptacionMetas || ev.estado == .aceptacion1, ev.modificada == true {
                        #expect(!MetasGI.diferencias(antes: try #require(ev.metasPrevias), despues: ev.metas).isEmpty)
                    }
                    if ev.estado.orden >= EstadoGI.autoevaluacion2.orden && ev.estado != .cerrada {
                        #expect(ev.seguimiento1 == CalificacionGI.seguimiento(ev.metas, 1)?.centesimas && ev.seguimiento1 != nil)
                    }
                    if ev.estado == .finalizada {
                        let resultado = try #require(CalificacionGI.resultado(metas: ev.metas, comportamentales: ev.competencias.compactMap(\.puntaje),
                                                                              definicion: definicion))
                        #expect(ev.resultado == resultado.centesimas && ev.nivelEscala == definicion.base.escala.nivel(para: resultado).nombre)
                        #expect(definicion.comportamentales!.cantidad.contiene(ev.competencias.count))
                    }
                }
                // Some results call for a formato de mejoramiento, most do not.
                let resultados = anterior.compactMap(\.resultado)
                #expect(resultados.contains { $0 < definicion.umbralMejoramiento.centesimas })
                #expect(resultados.contains { $0 >= definicion.umbralMejoramiento.centesimas })
                #expect(try await Evidencia.query(on: db).filter(\.$instrumento == .gestionInstitucional).count() > 0)

                // The named accounts: the jefe has metas or seguimientos to review, the evaluado a modification to decide on.
                func servidor(_ u: String) async throws -> Usuario {
                    try #require(try await Usuario.query(on: db).filter(\.$nombreUsuario == u).first())
                }
                let jefe = try await servidor("demo.jefe"), evaluado = try await servidor(DemoGI.usuarioEvaluado)
                #expect(actual.filter { $0.$jefe.id == jefe.$servidor.id && $0.estado == .revision1 }.count >= 2)
                let suya = try #require(actual.first { $0.$servidor.id == evaluado.$servidor.id })
                #expect(suya.estado == .aceptacion1 && suya.modificada == true)

                let token = Tokens.nuevo()
                try await ApiToken(usuarioID: evaluado.id!, tokenHash: Tokens.sha256(token), nombre: "prueba",
                                   expira: Date().addingTimeInterval(3600)).create(on: db)
                app.fijarHoy(hoy)
                let ruta = "/api/v1/gestion/evaluaciones/\(suya.id!)"
                let detalle = try await app.get(ruta, token: token).json(EvaluacionGIDTO.self)
                #expect(!detalle.cambios.isEmpty && detalle.acciones.contains(AccionGI.aceptar.rawValue))
                // Their work is on time: the jefe answered in the last days.
                #expect(detalle.pendientes.contains { $0.rol == RolGI.evaluado.rawValue && ($0.diasHabiles ?? -1) >= 0 })
                let aceptada = try await app.sendJSON(.POST, "\(ruta)/acciones", token: token, json: Accion(accion: AccionGI.aceptar.rawValue))
                #expect(aceptada.status == .ok, "\(aceptada.body.string)")
                #expect(try await EvaluacionGI.find(suya.id, on: db)?.estado == .autoevaluacion2)
            }
        }
    }
}
