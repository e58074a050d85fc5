import Foundation
import PactaCore
import Vapor

/// One line of an evaluation's history, for any instrument.
struct EventoDTO: Content {
    let fecha: String
    let accion: String
    let rol: String
    let actor: String
    let desde: String
    let hacia: String
    let detalle: String

    init(_ e: EventoEvaluacion) {
        fecha = e.fecha
        accion = e.accion
        rol = e.rol
        actor = e.actorNombre
        desde = e.estadoDesde
        hacia = e.estadoHacia
        detalle = e.detalle
    }
}

/// A formato de mejoramiento individual on the wire.
struct FormatoMejoramientoDTO: Content {
    let id: UUID
    let instrumento: TipoInstrumento
    let instrumentoNombre: String
    let evaluacionId: UUID
    let vigencia: String
    let servidorId: UUID
    let jefeId: UUID?
    let resultado: Puntaje
    let umbral: Puntaje
    let estado: String
    let estadoNombre: String
    let enviadoEl: String
    let vence: String
    let oportunidades: String
    let acciones: [FormatoMejoramiento.AccionDeMejora]
    let seguimientos: [FormatoMejoramiento.SeguimientoDeMejora]
    let cerradoEl: String?
    let cierre: String?

    init(_ f: FormatoMejoramiento) {
        id = f.id!
        instrumento = f.instrumento
        instrumentoNombre = f.instrumento.nombre
        evaluacionId = f.evaluacionID
        vigencia = f.vigencia
        servidorId = f.$servidor.id
        jefeId = f.$jefe.id
        resultado = Puntaje(centesimas: f.resultado)
        umbral = Puntaje(centesimas: f.umbral)
        estado = f.estado.rawValue
        estadoNombre = f.estado.nombre
        enviadoEl = f.enviadoEl
        vence = f.vence
        oportunidades = f.oportunidades
        acciones = f.acciones
        seguimientos = f.seguimientos
        cerradoEl = f.cerradoEl
        cierre = f.cierre
    }
}
