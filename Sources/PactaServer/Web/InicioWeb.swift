import Fluent
import Foundation
import PactaCore
import Vapor

/// The landing page of each role: what is due from them and by when.
enum InicioWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get(use: inicio)
    }

    struct Pendiente: Encodable {
        let texto: String
        let enlace: String
        let detalle: String
        let urgente: Bool
    }

    struct Barra: Encodable { let etiqueta: String; let valor: Int; let porcentaje: Int }

    struct Contexto: Encodable {
        let saludo: String
        let rol: String
        let pendientes: [Pendiente]
        let tarjetas: [Tarjeta]
        let porVinculacion: [Barra]
        let equipo: [Miembro]
        let ficha: Miembro?
        let proximosFestivos: [String]
        let hoyEsHabil: Bool
        let hoy: String
    }

    struct Tarjeta: Encodable { let titulo: String; let cifra: Int; let enlace: String }
    struct Miembro: Encodable { let id: UUID; let nombre: String; let empleo: String; let vinculacion: String; let instrumento: String }

    static func miembro(_ s: Servidor) -> Miembro {
        Miembro(id: s.id!, nombre: s.nombreCompleto, empleo: s.empleo?.titulo ?? "Sin empleo asignado",
                vinculacion: s.tipoVinculacion.nombre, instrumento: s.tipoVinculacion.instrumento.nombre)
    }

    /// Pure query part, testable without HTTP.
    static func contexto(_ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Contexto {
        var pendientes: [Pendiente] = []
        var tarjetas: [Tarjeta] = []
        var barras: [Barra] = []
        let cal = try await CalendarioService.calendario(actor.entidadID, on: db)
        if actor.puede(.verTodosLosServidores) {
            let activos = Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true)
            let total = try await activos.count()
            tarjetas.append(Tarjeta(titulo: "Servidores activos", cifra: total, enlace: "/servidores"))
            tarjetas.append(Tarjeta(titulo: "Dependencias", cifra: try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).count(), enlace: "/estructura/dependencias"))
            tarjetas.append(Tarjeta(titulo: "Procesos", cifra: try await Proceso.query(on: db).filter(\.$entidad.$id == actor.entidadID).count(), enlace: "/estructura/procesos"))
            for v in TipoVinculacion.allCases {
                let n = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).filter(\.$tipoVinculacion == v).count()
                barras.append(Barra(etiqueta: v.nombre, valor: n, porcentaje: total == 0 ? 0 : Int((Double(n) * 100 / Double(total)).rounded())))
            }
        }
        if actor.puede(.gestionarServidores) {
            let sinJefe = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).filter(\.$jefe.$id == nil).count()
            if sinJefe > 0 {
                pendientes.append(Pendiente(texto: "\(sinJefe) servidor(es) sin jefe inmediato", enlace: "/servidores?incompletos=sin_jefe",
                                            detalle: "Sin jefe no se les puede asignar evaluador.", urgente: false))
            }
            let sinEmpleo = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true).filter(\.$empleo.$id == nil).count()
            if sinEmpleo > 0 {
                pendientes.append(Pendiente(texto: "\(sinEmpleo) servidor(es) sin empleo asignado", enlace: "/servidores?incompletos=sin_empleo",
                                            detalle: "El nivel jerárquico del empleo define sus competencias.", urgente: false))
            }
        }
        if actor.puede(.importar) {
            let abiertas = try await ImportBatch.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$usuario.$id == actor.usuarioID)
                .filter(\.$estado == .previsualizada).sort(\.$createdAt, .descending).all()
            for b in abiertas.prefix(5) {
                pendientes.append(Pendiente(texto: "Importación de \(b.tipo.nombre.lowercased()) sin aplicar: \(b.nombreArchivo)",
                                            enlace: "/importar/\(b.id!)", detalle: "Revise y aplique o descarte el archivo.", urgente: false))
            }
        }
        var equipo: [Miembro] = []
        var ficha: Miembro?
        if let sid = actor.servidorID, let propio = try await Servidor.query(on: db).filter(\.$id == sid).with(\.$empleo).first() {
            ficha = miembro(propio)
            equipo = try await ServidoresService.equipo(de: sid, actor, on: db).map(miembro)
        }
        var proximos: [String] = []
        for anio in [hoy.anio, hoy.anio + 1] {
            for f in cal.festivos(anio) where f.fecha >= hoy && proximos.count < 3 {
                let dias = cal.diasHabiles(desde: hoy, hasta: f.fecha)
                proximos.append("\(f.fecha.texto) — \(f.nombre) (en \(dias) día(s) hábil(es))")
            }
        }
        return Contexto(saludo: actor.nombre, rol: actor.rol.nombre, pendientes: pendientes, tarjetas: tarjetas, porVinculacion: barras,
                        equipo: equipo, ficha: ficha, proximosFestivos: proximos, hoyEsHabil: cal.esHabil(hoy), hoy: hoy.texto)
    }

    @Sendable static func inicio(req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await req.pagina("inicio", "Inicio", contexto(actor, hoy: CalendarioService.hoy(), on: req.db))
    }
}
