console.log("parley");
