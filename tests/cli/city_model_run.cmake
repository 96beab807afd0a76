# `citynoise run` on buildings from a 3D city model (CityJSON, CityGML), a loudspeaker at
# POSITION, façades on every floor: the run ends with receivers on the model's buildings, and the
# GeoPackage holds at least MIN_BUILDINGS of them.
#   cmake -DCITYNOISE=… -DMODEL=… -DPOSITION="x, y" -DWORK=… -DMIN_BUILDINGS=n -DOGRINFO=… -P city_model_run.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/model.toml "[scenario]\nname = \"model\"\n\n[[loudspeakers]]\nid = \"speaker\"\nsource = \"square_dance_speaker\"\n"
     "position = [${POSITION}]\nschedule = { windows = [\"19:00-21:30\"], days = \"all\" }\n\n"
     "[buildings]\nfile = \"${MODEL}\"\n\n[receivers.facades]\nspacing = 5.0\n\n[calculation]\nmax_distance = 300.0\n")
execute_process(COMMAND ${CITYNOISE} run ${WORK}/model.toml --out ${WORK}/out RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the run on ${MODEL} failed (${rc}): ${err}")
endif()
if(NOT out MATCHES "model: [1-9][0-9]* receivers, [1-9][0-9]* paths" OR NOT err MATCHES "the ground is interpolated between the city model's building bases")
  message(FATAL_ERROR "unexpected output:\n${out}\n${err}")
endif()
execute_process(COMMAND ${OGRINFO} -ro -q ${WORK}/out/model.gpkg -sql "SELECT COUNT(*) AS n FROM buildings" OUTPUT_VARIABLE n)
string(REGEX MATCH "n \\(Integer\\) = ([0-9]+)" _ "${n}")
if(CMAKE_MATCH_1 LESS MIN_BUILDINGS)
  message(FATAL_ERROR "${CMAKE_MATCH_1} buildings in the GeoPackage, expected at least ${MIN_BUILDINGS}")
endif()
