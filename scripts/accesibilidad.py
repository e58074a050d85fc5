#!/usr/bin/env python3
"""Accessibility check of Pacta's pages in a real browser (WCAG 2.1 AA rules of axe-core).

Needs a running Pacta with the demo entity (`swift run pacta demo`, `swift run pacta serve`),
Chromium with its driver, selenium, and axe-core (shipped in the PyPI package
axe-playwright-python, installed with --no-deps). Usage:

    python3 scripts/accesibilidad.py [http://127.0.0.1:8080] [--capturas carpeta]

Signs in as several demo roles, opens their pages, runs axe on each, then loads each page again at
390 px wide (a phone) and checks that nothing scrolls sideways; prints the violations and exits 1 when
there is any. With --capturas it also saves a screenshot of every page at both widths.
"""
import importlib.util
import os
import re
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = next((a for a in sys.argv[1:] if a.startswith("http")), "http://127.0.0.1:8080")
CAPTURAS = sys.argv[sys.argv.index("--capturas") + 1] if "--capturas" in sys.argv else None
CLAVE = "Pacta2026demo"
# "/edl>/edl/periodos/ID" means: open /edl and follow its first link of that shape (ID = a UUID).
PAGINAS = {
    "demo.th": ["/edl", "/edl>/edl/instrumentos/ID", "/edl>/edl/periodos/ID", "/edl/periodos/ID>/edl/evaluaciones/ID",
                "/edl>/edl/periodos/ID/reportes", "/edl/insubsistencia", "/avisos",
                "/", "/servidores", "/servidores/nuevo", "/estructura/dependencias", "/estructura/dependencias/nueva", "/servidores?incompletos=sin_jefe",
                "/estructura/procesos", "/estructura/empleos", "/importar", "/calendario",
                "/gestion", "/gestion>/gestion/vigencias/ID", "/mejoramiento"],
    "demo.admin": ["/usuarios", "/usuarios/nuevo"],
    "demo.oci": ["/", "/auditoria"],
    "demo.jefe": ["/", "/servidores", "/edl", "/edl>/edl/evaluaciones/ID", "/edl/evaluaciones/ID>/edl/evaluaciones/ID/formatos/fijacion",
                  "/edl/evaluaciones/ID>/edl/evaluaciones/ID/formatos/consolidacion", "/gestion", "/gestion>/gestion/evaluaciones/ID"],
    "demo.evaluado": ["/", "/cuenta/contrasena", "/edl", "/edl>/edl/evaluaciones/ID"],
    "demo.comision": ["/edl", "/edl>/edl/evaluaciones/ID"],
    "demo.superior": ["/edl", "/edl>/edl/evaluaciones/ID"],
    "demo.provisional": ["/", "/gestion", "/gestion>/gestion/evaluaciones/ID", "/gestion/evaluaciones/ID>/gestion/evaluaciones/ID/formato",
                         "/mejoramiento"],
}
UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def axe_js():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("Falta axe-core: pip install --no-deps axe-playwright-python")
    for raiz in spec.submodule_search_locations:
        for carpeta, _, archivos in os.walk(raiz):
            if "axe.min.js" in archivos:
                return open(os.path.join(carpeta, "axe.min.js"), encoding="utf-8").read()
    sys.exit("No se encontró axe.min.js en axe-playwright-python")


def navegador():
    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=es-CO"]:
        o.add_argument(a)
    driver = shutil.which("chromedriver")
    return webdriver.Chrome(options=o, service=Service(executable_path=driver) if driver else None)


def main():
    axe = axe_js()
    d = navegador()
    fallas = 0
    try:
        for usuario, paginas in PAGINAS.items():
            d.delete_all_cookies()
            d.get(BASE + "/ingresar")
            d.find_element(By.ID, "nombreUsuario").send_keys(usuario)
            d.find_element(By.ID, "contrasena").send_keys(CLAVE)
            d.find_element(By.CSS_SELECTOR, "form.ficha button[type=submit]").click()
            ultima = ""
            for p in paginas:
                if ">" in p:
                    origen, destino = p.split(">", 1)
                    if "ID" in origen:
                        origen = ultima
                    d.get(BASE + origen)
                    patron = re.escape(destino).replace("ID", UUID)
                    m = re.search('href="(' + patron + ')"', d.page_source)
                    if not m:
                        print(f"{usuario:14} {p:34} sin enlace de esa forma en {origen}")
                        fallas += 1
                        continue
                    p = m.group(1)
                d.get(BASE + p)
                ultima = p
                d.execute_script(axe)
                r = d.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
                    ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                    " nodes: v.nodes.slice(0,3).map(n => n.target.join(' '))}))));")
                estado = "ok" if not r else f"{len(r)} problema(s)"
                print(f"{usuario:14} {p:34} {estado}")
                for v in r:
                    fallas += 1
                    print(f"    [{v['impact']}] {v['id']}: {v['help']} → {', '.join(v['nodes'])}")
                nombre = re.sub(r"[^a-z0-9]+", "_", f"{usuario}{p}".lower()).strip("_")
                if CAPTURAS:
                    os.makedirs(CAPTURAS, exist_ok=True)
                    d.save_screenshot(os.path.join(CAPTURAS, nombre + ".png"))
                # A phone: the page must fit 390 px without scrolling sideways (tables scroll inside their box).
                d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
                d.get(BASE + p)
                ancho = d.execute_script("return document.documentElement.scrollWidth")
                if ancho > 390:
                    fallas += 1
                    print(f"    [movil] la página mide {ancho} px de ancho a 390 px: se desplaza de lado")
                if CAPTURAS:
                    d.save_screenshot(os.path.join(CAPTURAS, nombre + "_390.png"))
                d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    finally:
        d.quit()
    print(f"{fallas} problema(s): violaciones de WCAG 2.1 AA o desplazamiento lateral a 390 px")
    sys.exit(1 if fallas else 0)


if __name__ == "__main__":
    main()
